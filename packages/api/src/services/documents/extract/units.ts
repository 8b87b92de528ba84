/**
 * The units chunks are built from: pieces of text of at most `max` tokens, each ending at the
 * strongest boundary available. Produced lazily, so a 50 MB text never exists as a list of
 * hundreds of thousands of units (nor of cut offsets) at once.
 */
import { countTokens } from '../../chat/tokens.js';

/** How good a place to cut the end of a unit is: paragraph > sentence > line > word > anywhere. */
export const enum Strength {
  Hard = 0,
  Word = 1,
  Line = 2,
  Sentence = 3,
  Paragraph = 4,
}

export interface Unit {
  start: number;
  end: number;
  tokens: number;
  strength: Strength;
}

/**
 * gpt-tokenizer's BPE is quadratic in the length of a run without spaces or punctuation
 * ("xxxx…", long CJK sentences), so such runs are never counted whole.
 */
export const MAX_RUN = 1024;
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

/** Whether a UTF-16 code unit is what `\s` matches (WhiteSpace or LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether text[start, end) has more than MAX_RUN non-space code units in a row (`/\S{1025}/`).
 * Such a run covers one of the probes MAX_RUN + 1 apart, so only the runs around the probes
 * are measured: in prose, a few characters per probe instead of every character.
 */
export function hasLongRun(text: string, start: number, end: number): boolean {
  for (let probe = start; probe < end; probe += MAX_RUN + 1) {
    if (isSpace(text.charCodeAt(probe))) continue;
    let from = probe;
    while (from > start && !isSpace(text.charCodeAt(from - 1))) from--;
    let to = probe + 1;
    while (to < end && !isSpace(text.charCodeAt(to))) to++;
    if (to - from > MAX_RUN) return true;
  }
  return false;
}

/**
 * Cut offsets after each match of `re` in text[start, end) (each piece keeps its trailing
 * separator), then `end`. The shared global regex is repositioned before every `exec`, so
 * generators of concurrent indexing jobs can interleave without disturbing each other.
 */
function* splitAfter(text: string, start: number, end: number, re: RegExp): Generator<number> {
  // A sliced string: no copy, and matching stops at `end` exactly as before.
  const slice = text.slice(start, end);
  let at = 0;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(slice);
    if (m === null) break;
    at = re.lastIndex + (m[0].length === 0 ? 1 : 0);
    const cut = start + m.index + m[0].length;
    if (cut < end) yield cut;
  }
  yield end;
}

/**
 * Breaks text[start, end) into units of at most `max` tokens, each ending at the strongest
 * boundary available: sentences, else lines, else words, else a hard cut (long unspaced runs).
 */
function* segment(
  text: string,
  start: number,
  end: number,
  endStrength: Strength,
  level: number,
  max: number,
): Generator<Unit> {
  const level_ = LEVELS[level];
  if (level_ === undefined) {
    yield* hardSplit(text, start, end, endStrength, max);
    return;
  }
  const [re, strength] = level_;
  let from = start;
  for (const cut of splitAfter(text, start, end, re)) {
    const pieceStrength = cut === end ? endStrength : strength;
    const tokens =
      cut - from > max * MAX_CHARS_PER_TOKEN ? Infinity : countTokens(text.slice(from, cut));
    if (tokens <= max) yield { start: from, end: cut, tokens, strength: pieceStrength };
    else yield* segment(text, from, cut, pieceStrength, level + 1, max);
    from = cut;
  }
}

function* hardSplit(
  text: string,
  start: number,
  end: number,
  endStrength: Strength,
  max: number,
): Generator<Unit> {
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
    yield { start: from, end: to, tokens, strength: to === end ? endStrength : Strength.Hard };
    from = to;
  }
}

/** The units of `text` in order; whitespace-only stretches (empty pages) join the unit before. */
export function* units(text: string, max: number): Generator<Unit> {
  // Held back one step: a whitespace-only stretch that follows still extends its end.
  let last: Unit | undefined;
  let from = 0;
  for (const cut of splitAfter(text, 0, text.length, PARAGRAPH_BREAK)) {
    if (text.slice(from, cut).trim() !== '') {
      for (const unit of segment(text, from, cut, Strength.Paragraph, 0, max)) {
        if (last) yield last;
        last = unit;
      }
    } else if (last) last.end = cut;
    from = cut;
  }
  if (last) yield last;
}
