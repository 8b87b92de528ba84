/**
 * Token-based chunking with overlap, for full-text search, embeddings and citations. Offsets
 * index the pages joined by a blank line, so a chunk maps back to its pages and exact text.
 */
import { countTokens } from '../../chat/tokens.js';
import type { ChunkOptions, ExtractedPage, TextChunk } from './types.js';

const PAGE_SEPARATOR = '\n\n';

/** The concatenated text chunk offsets refer to. */
export function joinPages(pages: ExtractedPage[]): string {
  return pages.map((p) => p.text).join(PAGE_SEPARATOR);
}

/** How good a place to cut the end of a unit is: paragraph > sentence > line > word > anywhere. */
const enum Strength {
  Hard = 0,
  Word = 1,
  Line = 2,
  Sentence = 3,
  Paragraph = 4,
}

interface Unit {
  start: number;
  end: number;
  tokens: number;
  strength: Strength;
}

/**
 * gpt-tokenizer's BPE is quadratic in the length of a run without spaces or punctuation
 * ("xxxx…", long CJK sentences), so such runs are never counted whole.
 */
const MAX_RUN = 1024;
const LONG_RUN = new RegExp(`\\S{${MAX_RUN + 1}}`);
/** Beyond this many characters per token a piece is surely over budget; skip counting it. */
const MAX_CHARS_PER_TOKEN = 16;

const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;
// Sentence ends: terminal punctuation, closing quotes/brackets, then space; CJK stops need none.
const SENTENCE_END = /[.!?…]+["'”’)\]]*\s+|[。！？]+\s*/g;
const LINE_END = /\n\s*/g;
const WORD_END = /\s+/g;
const LEVELS: [RegExp, Strength][] = [
  [SENTENCE_END, Strength.Sentence],
  [LINE_END, Strength.Line],
  [WORD_END, Strength.Word],
];

/** Splits text[start, end) after each match of `re`; each piece keeps its trailing separator. */
function splitAfter(text: string, start: number, end: number, re: RegExp): number[] {
  const cuts: number[] = [];
  const slice = text.slice(start, end);
  re.lastIndex = 0;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const cut = start + m.index + m[0].length;
    if (cut < end) cuts.push(cut);
    if (m[0].length === 0) re.lastIndex++;
  }
  cuts.push(end);
  return cuts;
}

/**
 * Breaks text[start, end) into units of at most `max` tokens, each ending at the strongest
 * boundary available: sentences, else lines, else words, else a hard cut (long unspaced runs).
 */
function segment(
  text: string,
  start: number,
  end: number,
  endStrength: Strength,
  level: number,
  max: number,
  out: Unit[],
): void {
  const level_ = LEVELS[level];
  if (level_ === undefined) {
    hardSplit(text, start, end, endStrength, max, out);
    return;
  }
  const [re, strength] = level_;
  let from = start;
  for (const cut of splitAfter(text, start, end, re)) {
    const pieceStrength = cut === end ? endStrength : strength;
    const tokens =
      cut - from > max * MAX_CHARS_PER_TOKEN ? Infinity : countTokens(text.slice(from, cut));
    if (tokens <= max) out.push({ start: from, end: cut, tokens, strength: pieceStrength });
    else segment(text, from, cut, pieceStrength, level + 1, max, out);
    from = cut;
  }
}

function hardSplit(
  text: string,
  start: number,
  end: number,
  endStrength: Strength,
  max: number,
  out: Unit[],
): void {
  // Never cut a surrogate pair in half.
  const safe = (at: number) =>
    at < end && at > start && /[\uD800-\uDBFF]/.test(text.charAt(at - 1)) ? at + 1 : at;
  let from = start;
  while (from < end) {
    // Windows of at most MAX_RUN characters keep the tokenizer linear; shrink until one fits.
    let to = safe(Math.min(end, from + MAX_RUN));
    let tokens = countTokens(text.slice(from, to));
    while (tokens > max && to - from > 1) {
      const ratio = Math.min(0.9, (max / tokens) * 0.95);
      to = safe(from + Math.max(1, Math.floor((to - from) * ratio)));
      tokens = countTokens(text.slice(from, to));
    }
    out.push({ start: from, end: to, tokens, strength: to === end ? endStrength : Strength.Hard });
    from = to;
  }
}

function units(text: string, max: number): Unit[] {
  const out: Unit[] = [];
  let from = 0;
  for (const cut of splitAfter(text, 0, text.length, PARAGRAPH_BREAK)) {
    if (text.slice(from, cut).trim() !== '')
      segment(text, from, cut, Strength.Paragraph, 0, max, out);
    else if (out.length > 0) {
      // Whitespace-only stretches (empty pages) join the previous unit.
      const last = out[out.length - 1];
      if (last) last.end = cut;
    }
    from = cut;
  }
  return out;
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
 * Token-based chunking with overlap over the pages' concatenated text (pages joined with "\n\n").
 * Chunks end at the strongest boundary (paragraph, sentence, line, word) in the last 40% before the
 * target size; the next chunk starts with the previous chunk's last sentences, up to the overlap.
 */
export function chunkPages(pages: ExtractedPage[], opts?: ChunkOptions): TextChunk[] {
  const target = Math.max(16, Math.floor(opts?.targetTokens ?? 400));
  const overlap = Math.max(0, Math.min(Math.floor(opts?.overlapTokens ?? 60), target / 2));
  const text = joinPages(pages);
  const starts: number[] = [];
  let offset = 0;
  for (const page of pages) {
    starts.push(offset);
    offset += page.text.length + PAGE_SEPARATOR.length;
  }

  const list = units(text, target);
  const chunks: TextChunk[] = [];
  let first = 0;
  while (first < list.length) {
    // Fill up to the target.
    let last = first;
    let total = list[first]?.tokens ?? 0;
    while (last + 1 < list.length && total + (list[last + 1]?.tokens ?? 0) <= target) {
      last++;
      total += list[last]?.tokens ?? 0;
    }
    // Prefer the strongest boundary once the chunk is at least 60% full.
    if (last + 1 < list.length) {
      let best = last;
      let bestStrength = list[last]?.strength ?? Strength.Hard;
      let cumulative = 0;
      for (let i = first; i <= last; i++) {
        cumulative += list[i]?.tokens ?? 0;
        const strength = list[i]?.strength ?? Strength.Hard;
        if (cumulative >= target * 0.6 && strength >= bestStrength) {
          best = i;
          bestStrength = strength;
        }
      }
      last = best;
    }

    const startUnit = list[first];
    const endUnit = list[last];
    if (startUnit === undefined || endUnit === undefined) break;
    let charStart = startUnit.start;
    let charEnd = endUnit.end;
    while (charStart < charEnd && /\s/.test(text.charAt(charStart))) charStart++;
    while (charEnd > charStart && /\s/.test(text.charAt(charEnd - 1))) charEnd--;
    if (charEnd > charStart) {
      const chunkText = text.slice(charStart, charEnd);
      let tokenCount = 0;
      if (LONG_RUN.test(chunkText))
        for (let i = first; i <= last; i++) tokenCount += list[i]?.tokens ?? 0;
      else tokenCount = countTokens(chunkText);
      chunks.push({
        position: chunks.length,
        pageStart: pages[pageAt(starts, charStart)]?.page ?? 1,
        pageEnd: pages[pageAt(starts, charEnd - 1)]?.page ?? 1,
        charStart,
        charEnd,
        // Counted again as a whole (unit sums run a few tokens high at the seams), except
        // for long unspaced runs, where the unit sum is the affordable upper bound.
        tokenCount,
        text: chunkText,
      });
    }
    if (last + 1 >= list.length) break;

    // Overlap: back up over whole units, from the end, while they fit in the overlap budget.
    let next = last + 1;
    let carried = 0;
    while (next - 1 > first && carried + (list[next - 1]?.tokens ?? 0) <= overlap) {
      next--;
      carried += list[next]?.tokens ?? 0;
    }
    // A single sentence a little over the budget still beats no overlap at all.
    const tail = list[last];
    if (next === last + 1 && last > first && tail && tail.tokens <= overlap * 2) next = last;
    first = next;
  }
  return chunks;
}
