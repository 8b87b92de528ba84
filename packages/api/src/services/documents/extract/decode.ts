/** Bytes to text: BOMs, UTF-16, declared charsets, and a legacy fallback. */
import { DocumentRejected } from './errors.js';

// Windows-1252's 0x80–0x9F. Node's TextDecoder maps "windows-1252" to ISO-8859-1, which puts C1
// controls there instead of the curly quotes and dashes that legacy files actually contain.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function charsetOf(mimeType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mimeType ?? '');
  return match?.[1]?.toLowerCase();
}

function tryDecode(bytes: Uint8Array, label: string, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return undefined; // unknown label, or invalid bytes with fatal
  }
}

/**
 * Decodes text. A byte-order mark wins, then a declared charset (Content-Type or an HTML meta
 * tag passed by the caller), then UTF-8, then Windows-1252, which is what legacy "ANSI" files
 * and mislabelled Latin-1 pages almost always are. Rejects NUL-laden bytes: that is binary data
 * wearing a text name.
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new DocumentRejected(
      'This file contains binary data, not text: it is not really the type its name says.',
    );
  }
  const charset = charsetOf(declared);
  if (
    charset !== undefined &&
    /^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/.test(charset)
  ) {
    // Browsers read all of these as Windows-1252 (WHATWG Encoding), and so does this.
    return decodeWindows1252(bytes);
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    const text = tryDecode(bytes, charset, false);
    if (text !== undefined) return text;
  }
  return tryDecode(bytes, 'utf-8', true) ?? decodeWindows1252(bytes);
}

/** Windows normalised one at a time, so NFC never copies a whole large text at once. */
const NFC_WINDOW = 1 << 20;

/**
 * NFC. Characters below U+0300 are stable under NFC: none decomposes, none is a combining mark,
 * and none is the second part of a composition. So Latin-only text needs no work, and cutting a
 * text just before such a character leaves both sides' normal forms independent of each other.
 * (V8 copies even an already-normal string into ICU: +100–190 MB transient for 50 MB of text.)
 */
function normalizeNfc(text: string): string {
  if (!/[\u0300-\uffff]/.test(text)) return text;
  if (text.length <= NFC_WINDOW) return text.normalize('NFC');
  const parts: string[] = [];
  let changed = false;
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + NFC_WINDOW);
    while (to < text.length && text.charCodeAt(to) >= 0x300) to++;
    const part = text.slice(from, to);
    const normal = part.normalize('NFC');
    if (normal !== part) changed = true;
    parts.push(normal);
    from = to;
  }
  return changed ? parts.join('') : text;
}

/** Normalises line endings and drops characters that only confuse search and display. */
export function normalizeText(text: string): string {
  return normalizeNfc(
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''),
  );
}
