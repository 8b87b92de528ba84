/** File signatures ("magic numbers"): what the bytes really are, whatever the name says. */
import type { DocumentKind } from '@margin/shared';

export type Sniffed =
  | { supported: true; kind: DocumentKind; mimeType: string; label: string }
  | { supported: false; label: string; program?: boolean };

const ascii = new TextDecoder('latin1');

function startsWith(bytes: Uint8Array, sig: readonly number[] | string, at = 0): boolean {
  const codes = typeof sig === 'string' ? Array.from(sig, (c) => c.charCodeAt(0)) : sig;
  if (bytes.length < at + codes.length) return false;
  return codes.every((code, i) => bytes[at + i] === code);
}

function textAt(bytes: Uint8Array, start: number, end: number): string {
  return ascii.decode(bytes.subarray(start, Math.min(end, bytes.length)));
}

/** Whether an ASCII string occurs anywhere in the bytes (zip entry names, for instance). */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    needle,
    0,
    'latin1',
  );
}

const supported = (kind: DocumentKind, mimeType: string, label: string): Sniffed => ({
  supported: true,
  kind,
  mimeType,
  label,
});
const unsupported = (label: string, program = false): Sniffed => ({
  supported: false,
  label,
  program,
});

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sniffZip(bytes: Uint8Array): Sniffed {
  // Entry names are stored uncompressed in the local headers and the central directory.
  if (containsAscii(bytes, 'word/document.xml'))
    return supported('docx', DOCX_MIME, 'a Word document');
  if (containsAscii(bytes, 'xl/workbook')) return unsupported('an Excel spreadsheet (.xlsx)');
  if (containsAscii(bytes, 'ppt/presentation')) return unsupported('a PowerPoint file (.pptx)');
  if (containsAscii(bytes, 'application/vnd.oasis.opendocument'))
    return unsupported('an OpenDocument file');
  if (containsAscii(bytes, 'application/epub+zip')) return unsupported('an e-book (.epub)');
  return unsupported('a zip archive');
}

function sniffIsoMedia(bytes: Uint8Array, audioHint: boolean): Sniffed {
  const brand = textAt(bytes, 8, 12);
  if (['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '].includes(brand))
    return supported('audio', 'audio/mp4', 'an M4A audio file');
  if (['heic', 'heix', 'mif1', 'msf1', 'avif', 'avis'].includes(brand))
    return unsupported('a HEIC/AVIF image');
  if (brand.startsWith('qt')) return unsupported('a QuickTime video');
  // Generic MP4 brands carry audio-only files too; the name or declared type tells which.
  return audioHint
    ? supported('audio', 'audio/mp4', 'an M4A audio file')
    : unsupported('a video file');
}

function isMpegFrame(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = [bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0];
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrate = b2 >> 4;
  return b0 === 0xff && (b1 & 0xe0) === 0xe0 && version !== 1 && layer !== 0 && bitrate !== 15;
}

export interface SniffHints {
  /** The name or declared type says PDF: accept junk before the header, as PDF readers do. */
  pdf: boolean;
  /** The name or declared type says audio: admit weak signatures (bare MPEG frames, MP4). */
  audio: boolean;
}

/** Identifies binary formats by signature; undefined when none matches (text, or unknown binary). */
export function sniffBinary(bytes: Uint8Array, hints: SniffHints): Sniffed | undefined {
  // Only a PDF-named file gets the 1024-byte window: an HTML page may quote "%PDF-" early on.
  if (startsWith(bytes, '%PDF-') || (hints.pdf && textAt(bytes, 0, 1024).includes('%PDF-')))
    return supported('pdf', 'application/pdf', 'a PDF');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return sniffZip(bytes);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return supported('image', 'image/png', 'a PNG image');
  if (startsWith(bytes, [0xff, 0xd8, 0xff]))
    return supported('image', 'image/jpeg', 'a JPEG image');
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a'))
    return supported('image', 'image/gif', 'a GIF image');
  if (startsWith(bytes, 'RIFF')) {
    const form = textAt(bytes, 8, 12);
    if (form === 'WEBP') return supported('image', 'image/webp', 'a WebP image');
    if (form === 'WAVE') return supported('audio', 'audio/wav', 'a WAV audio file');
    if (form === 'AVI ') return unsupported('a video file');
    return unsupported('a RIFF media file');
  }
  // The version byte after "ID3" is 2–4, which no text file has there.
  if (startsWith(bytes, 'ID3') && (bytes[3] ?? 0xff) <= 4)
    return supported('audio', 'audio/mpeg', 'an MP3 audio file');
  if (startsWith(bytes, 'OggS')) return supported('audio', 'audio/ogg', 'an Ogg audio file');
  if (startsWith(bytes, 'fLaC')) return supported('audio', 'audio/flac', 'a FLAC audio file');
  if (startsWith(bytes, 'ftyp', 4)) return sniffIsoMedia(bytes, hints.audio);
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: WebM (audio or video, both transcribable) or Matroska (video).
    return textAt(bytes, 0, 64).includes('webm')
      ? supported('audio', 'audio/webm', 'a WebM media file')
      : unsupported('a Matroska video');
  }
  if (hints.audio && isMpegFrame(bytes))
    return supported('audio', 'audio/mpeg', 'an MP3 audio file');

  if (
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    (startsWith(bytes, 'MZ') && looksBinary(bytes)) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(bytes, [0x00, 0x61, 0x73, 0x6d])
  )
    return unsupported('a program', true);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return unsupported('an old Office file (.doc, .xls or .ppt)');
  if (
    startsWith(bytes, [0x1f, 0x8b]) ||
    (startsWith(bytes, 'BZh') && looksBinary(bytes)) ||
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) ||
    startsWith(bytes, 'Rar!') ||
    startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) ||
    startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd]) ||
    startsWith(bytes, 'ustar', 257)
  )
    return unsupported('a compressed archive');
  if (startsWith(bytes, 'SQLite format 3\u0000')) return unsupported('a database file');
  if (
    startsWith(bytes, 'BM') &&
    [12, 40, 52, 56, 108, 124].includes(bytes[14] ?? -1) &&
    startsWith(bytes, [0, 0, 0], 15)
  )
    return unsupported('a BMP image');
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return unsupported('a TIFF image');
  if (startsWith(bytes, '{\\rtf')) return unsupported('an RTF document');
  return undefined;
}

/** UTF-16 text has NUL bytes but is still text; its byte-order mark says so. */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** NUL bytes near the start mean binary data, not text. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  return bytes.subarray(0, 8192).includes(0);
}
