/**
 * 32-bit FNV-1a over UTF-16 code units, as 8 lowercase hex digits. Deterministic and tiny: used
 * for stable section ids, never for anything security-related.
 */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
