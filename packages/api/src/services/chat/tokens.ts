/**
 * Token counting with a real BPE tokenizer (o200k_base, GPT-4o's). Other model families tokenize
 * differently, but within a few percent for prose, which the per-part budgets absorb.
 */
import {
  countTokens as countTokensUncached,
  decode,
  encode,
} from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage } from '../llm/client.js';

/** Texts whose counts are remembered, by total length (a few MB at most). */
const COUNT_CACHE_CHARS = 4_000_000;
const counts = new Map<string, number>();
let cachedChars = 0;

/**
 * Tokens in `text`. Every turn re-counts the same system prompt, history and memories, so counts
 * are remembered (least recently used out first): a long conversation's prompt is assembled from
 * cached counts instead of re-encoding every earlier message.
 */
export function countTokens(text: string): number {
  const known = counts.get(text);
  if (known !== undefined) {
    counts.delete(text);
    counts.set(text, known);
    return known;
  }
  const count = countTokensUncached(text);
  if (text.length <= COUNT_CACHE_CHARS / 8) {
    counts.set(text, count);
    cachedChars += text.length;
    for (const oldest of counts.keys()) {
      if (cachedChars <= COUNT_CACHE_CHARS) break;
      counts.delete(oldest);
      cachedChars -= oldest.length;
    }
  }
  return count;
}

/**
 * What one image costs in a prompt budget. Providers charge by size and detail (a 1024² picture
 * is ~765 tokens at OpenAI's high detail); a fixed estimate keeps budgets simple and safe enough.
 */
export const IMAGE_TOKENS = 800;

/** Tokens of a message's content: its text parts, plus {@link IMAGE_TOKENS} per image. */
export function contentTokens(content: ChatMessage['content']): number {
  if (typeof content === 'string') return countTokens(content);
  return content.reduce((n, p) => n + (p.type === 'text' ? countTokens(p.text) : IMAGE_TOKENS), 0);
}

const MARKER_END = '\n…[truncated]';
const MARKER_START = '…[truncated]\n';

/** Cuts `text` to at most `budget` tokens. Keeps the start, or the end with `keep: 'end'`. */
export function truncateToTokens(
  text: string,
  budget: number,
  keep: 'start' | 'end' = 'start',
): string {
  if (budget <= 0) return '';
  // Cheap exit: a token is at least one character, so short texts never need encoding.
  if (text.length <= budget) return text;
  const tokens = encode(text);
  if (tokens.length <= budget) return text;
  const cut = (room: number) =>
    keep === 'start'
      ? decode(tokens.slice(0, room)) + MARKER_END
      : MARKER_START + decode(tokens.slice(tokens.length - room));
  // Re-encoding at the seam can merge or split tokens, so shrink until the result really fits.
  let room = Math.max(0, budget - countTokens(MARKER_END));
  let result = cut(room);
  while (room > 0 && countTokens(result) > budget) {
    room--;
    result = cut(room);
  }
  return room > 0 ? result : '';
}
