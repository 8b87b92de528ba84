/** Splits `items` into runs of at most `size`: keeps IN lists and multi-row inserts under SQLite's bound-parameter limit. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
