/**
 * Text normalisation for memory de-duplication, and a lexical similarity for when no embedding
 * model is configured.
 */

/**
 * The comparable form of a statement: NFKC (full-width and ligature forms fold to plain ones),
 * lower case, every run of punctuation, symbols and whitespace collapsed to one space, trimmed.
 * "I like  Tea!" and "i like tea" are the same memory.
 */
export function normalizeStatement(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a statement's normalised form. */
export function wordSet(text: string): Set<string> {
  const normalized = normalizeStatement(text);
  return new Set(normalized === '' ? [] : normalized.split(' '));
}

/**
 * Sørensen–Dice coefficient over the two statements' normalised word sets:
 * 2·|A ∩ B| / (|A| + |B|), from 0 (no word in common) to 1 (same words, any order). Roughly,
 * "I live in Paris" vs "I live in Lyon" is 0.75; a paraphrase with other words scores low, which
 * is why cosine over embeddings is preferred when a model is configured.
 */
export function lexicalSimilarity(a: string, b: string): number {
  const wa = wordSet(a);
  const wb = wordSet(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}
