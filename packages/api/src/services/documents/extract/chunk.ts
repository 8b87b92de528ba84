/**
 * Token-based chunking with overlap, for full-text search, embeddings and citations. Offsets
 * index the pages joined by a blank line, so a chunk maps back to its pages and exact text.
 */
import { countTokens } from '../../chat/tokens.js';
import type { ChunkOptions, ExtractedPage, TextChunk } from './types.js';
import { Strength, hasLongRun, units, type Unit } from './units.js';

const PAGE_SEPARATOR = '\n\n';

/** The concatenated text chunk offsets refer to. */
export function joinPages(pages: ExtractedPage[]): string {
  return pages.map((p) => p.text).join(PAGE_SEPARATOR);
}

/** Index of the page containing `offset`, given each page's start offset (ascending). */
function pageAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The units of a text by index, kept only from the current chunk's first unit on: chunking looks
 * ahead one unit past a chunk and never back before its first unit.
 */
class UnitWindow {
  private readonly kept: Unit[] = [];
  /** Index of kept[0]. */
  private base = 0;
  private done = false;

  constructor(private readonly source: Iterator<Unit>) {}

  /** Unit `i`, pulled from the source as needed; undefined past the last unit. */
  at(i: number): Unit | undefined {
    while (!this.done && i - this.base >= this.kept.length) {
      const next = this.source.next();
      if (next.done === true) this.done = true;
      else this.kept.push(next.value);
    }
    return this.kept[i - this.base];
  }

  /** Forgets the units before `i`. */
  dropBefore(i: number): void {
    // Only once at least half are gone, so the splices cost O(1) per unit overall.
    if ((i - this.base) * 2 < this.kept.length) return;
    this.kept.splice(0, i - this.base);
    this.base = i;
  }
}

/**
 * Token-based chunking with overlap over the pages' concatenated text (pages joined with "\n\n").
 * Chunks end at the strongest boundary (paragraph, sentence, line, word) in the last 40% before the
 * target size; the next chunk starts with the previous chunk's last sentences, up to the overlap.
 * Lazy: a chunk is computed when it is asked for, so memory stays flat however long the text.
 * Chunk texts are slices of the joined text (the joined text stays alive while they do).
 */
export function* iterateChunks(pages: ExtractedPage[], opts?: ChunkOptions): Generator<TextChunk> {
  const target = Math.max(16, Math.floor(opts?.targetTokens ?? 400));
  const overlap = Math.max(0, Math.min(Math.floor(opts?.overlapTokens ?? 60), target / 2));
  const text = joinPages(pages);
  const starts: number[] = [];
  let offset = 0;
  for (const page of pages) {
    starts.push(offset);
    offset += page.text.length + PAGE_SEPARATOR.length;
  }

  const list = new UnitWindow(units(text, target));
  const tokensAt = (i: number) => list.at(i)?.tokens ?? 0;
  let position = 0;
  let first = 0;
  while (list.at(first) !== undefined) {
    // Fill up to the target.
    let last = first;
    let total = tokensAt(first);
    while (list.at(last + 1) !== undefined && total + tokensAt(last + 1) <= target) {
      last++;
      total += tokensAt(last);
    }
    // Prefer the strongest boundary once the chunk is at least 60% full.
    if (list.at(last + 1) !== undefined) {
      let best = last;
      let bestStrength = list.at(last)?.strength ?? Strength.Hard;
      let cumulative = 0;
      for (let i = first; i <= last; i++) {
        cumulative += tokensAt(i);
        const strength = list.at(i)?.strength ?? Strength.Hard;
        if (cumulative >= target * 0.6 && strength >= bestStrength) {
          best = i;
          bestStrength = strength;
        }
      }
      last = best;
    }

    const startUnit = list.at(first);
    const endUnit = list.at(last);
    if (startUnit === undefined || endUnit === undefined) break;
    let charStart = startUnit.start;
    let charEnd = endUnit.end;
    while (charStart < charEnd && /\s/.test(text.charAt(charStart))) charStart++;
    while (charEnd > charStart && /\s/.test(text.charAt(charEnd - 1))) charEnd--;
    if (charEnd > charStart) {
      const chunkText = text.slice(charStart, charEnd);
      let tokenCount = 0;
      if (hasLongRun(text, charStart, charEnd))
        for (let i = first; i <= last; i++) tokenCount += tokensAt(i);
      else tokenCount = countTokens(chunkText);
      yield {
        position: position++,
        pageStart: pages[pageAt(starts, charStart)]?.page ?? 1,
        pageEnd: pages[pageAt(starts, charEnd - 1)]?.page ?? 1,
        charStart,
        charEnd,
        // Counted again as a whole (unit sums run a few tokens high at the seams), except
        // for long unspaced runs, where the unit sum is the affordable upper bound.
        tokenCount,
        text: chunkText,
      };
    }
    if (list.at(last + 1) === undefined) break;

    // Overlap: back up over whole units, from the end, while they fit in the overlap budget.
    let next = last + 1;
    let carried = 0;
    while (next - 1 > first && carried + tokensAt(next - 1) <= overlap) {
      next--;
      carried += tokensAt(next);
    }
    // A single sentence a little over the budget still beats no overlap at all.
    const tail = list.at(last);
    if (next === last + 1 && last > first && tail && tail.tokens <= overlap * 2) next = last;
    first = next;
    list.dropBefore(first);
  }
}

/** All chunks at once; see {@link iterateChunks}. */
export function chunkPages(pages: ExtractedPage[], opts?: ChunkOptions): TextChunk[] {
  return Array.from(iterateChunks(pages, opts));
}
