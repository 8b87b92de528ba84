/** Display names for uploaded files. Stored files are named by id; this is only ever shown. */

const MAX_LENGTH = 200;
const FALLBACK = 'document';

// C0/C1 controls and bidi overrides (which can make "evil‮fdp.exe" display as "evilexe.pdf").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A safe display name: no directories, no control characters, no leading dots, NFC, at most 200
 * characters keeping the extension; never empty.
 */
export function sanitizeFilename(name: string): string {
  let clean = name.normalize('NFC');
  clean = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  clean = clean.replace(UNSAFE, '').replace(/\s+/g, ' ');
  clean = clean.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (clean === '') return FALLBACK;
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length <= MAX_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(clean.slice(dot)) : [];
  const keepExt = ext.length > 1 && ext.length <= 16 ? ext : [];
  const base = chars
    .slice(0, MAX_LENGTH - keepExt.length)
    .join('')
    .trimEnd();
  return base + keepExt.join('');
}

/** The name without its extension, for a title of last resort. */
export function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
