/**
 * The start of a long text, cut so that it tokenizes exactly like the start of the whole text:
 * truncating a 50 MB document to its first few thousand tokens need not encode all ~11 million.
 */
import { countTokens } from '../../chat/tokens.js';

/**
 * A letter followed by whitespace. The tokenizer first splits text into pieces it encodes one by
 * one (o200k's pre-tokenizer regex). A letter can only be in a letter piece, and a letter piece
 * stops at whitespace. Every piece before it is decided by characters before the whitespace, so
 * cutting right after the letter leaves all the prefix's pieces (hence tokens) as in the whole.
 */
const LETTER_THEN_SPACE = /\p{L}(?=\s)/gu;

/**
 * A prefix of `text` whose tokens are the first tokens of the whole text, more than `minTokens`
 * of them; the whole text when it has no more, or has no such cut after the first stretch.
 */
export function tokenPrefix(text: string, minTokens: number): string {
  for (let read = Math.max(1024, minTokens * 8); read < text.length; read *= 2) {
    // Local copy of the global regex: lastIndex state must not be shared.
    const re = new RegExp(LETTER_THEN_SPACE);
    re.lastIndex = Math.max(0, read - 2);
    const m = re.exec(text);
    if (m === null) break;
    const prefix = text.slice(0, m.index + m[0].length);
    if (prefix.length > minTokens && countTokens(prefix) > minTokens) return prefix;
  }
  return text;
}
