/** Decides what an upload really is: bytes first, then the name, then the declared type. */
import type { DocumentKind } from '@margin/shared';
import { isUtf8 } from 'node:buffer';

import { DocumentRejected } from './errors.js';
import { extensionOf } from './filename.js';
import { DOCX_MIME, hasUtf16Bom, looksBinary, sniffBinary } from './magic.js';
import type { DetectedType } from './types.js';

export const SUPPORTED_TYPES_MESSAGE =
  'Margin can read PDF, Word (.docx), HTML, Markdown, text, CSV/TSV and JSON files, images ' +
  '(PNG, JPEG, GIF, WebP) and audio (MP3, WAV, M4A, OGG, WebM, FLAC).';

interface Expected {
  kind: DocumentKind;
  mimeType: string;
  label: string;
}

const DOCX: Expected = { kind: 'docx', mimeType: DOCX_MIME, label: 'a Word document' };
const HTML: Expected = { kind: 'html', mimeType: 'text/html', label: 'an HTML page' };
const MARKDOWN: Expected = {
  kind: 'markdown',
  mimeType: 'text/markdown',
  label: 'a Markdown file',
};
const TEXT: Expected = { kind: 'text', mimeType: 'text/plain', label: 'a text file' };
const CSV: Expected = { kind: 'csv', mimeType: 'text/csv', label: 'a CSV file' };
const TSV: Expected = { kind: 'csv', mimeType: 'text/tab-separated-values', label: 'a TSV file' };
const JSON_: Expected = { kind: 'json', mimeType: 'application/json', label: 'a JSON file' };
const image = (mimeType: string, name: string): Expected => ({
  kind: 'image',
  mimeType,
  label: `a ${name} image`,
});
const audio = (mimeType: string, name: string): Expected => ({
  kind: 'audio',
  mimeType,
  label: `${/^[AEFHILMNORSX]/.test(name) ? 'an' : 'a'} ${name} audio file`,
});

const PDF: Expected = { kind: 'pdf', mimeType: 'application/pdf', label: 'a PDF' };

const BY_EXTENSION: Record<string, Expected> = {
  pdf: PDF,
  docx: DOCX,
  html: HTML,
  htm: HTML,
  xhtml: HTML,
  md: MARKDOWN,
  markdown: MARKDOWN,
  mdown: MARKDOWN,
  txt: TEXT,
  text: TEXT,
  csv: CSV,
  tsv: TSV,
  json: JSON_,
  png: image('image/png', 'PNG'),
  jpg: image('image/jpeg', 'JPEG'),
  jpeg: image('image/jpeg', 'JPEG'),
  gif: image('image/gif', 'GIF'),
  webp: image('image/webp', 'WebP'),
  mp3: audio('audio/mpeg', 'MP3'),
  wav: audio('audio/wav', 'WAV'),
  m4a: audio('audio/mp4', 'M4A'),
  mp4: audio('audio/mp4', 'MP4'),
  ogg: audio('audio/ogg', 'Ogg'),
  oga: audio('audio/ogg', 'Ogg'),
  opus: audio('audio/ogg', 'Opus'),
  webm: audio('audio/webm', 'WebM'),
  flac: audio('audio/flac', 'FLAC'),
};

const BY_MIME: Record<string, Expected> = {
  'application/pdf': PDF,
  [DOCX_MIME]: DOCX,
  'text/html': HTML,
  'application/xhtml+xml': HTML,
  'text/markdown': MARKDOWN,
  'text/x-markdown': MARKDOWN,
  'text/plain': TEXT,
  'text/csv': CSV,
  'text/tab-separated-values': TSV,
  'application/json': JSON_,
};

/** Formats named by extension whose bytes must carry a signature (a text body is a disguise). */
const BINARY_KINDS = new Set<DocumentKind>(['pdf', 'docx', 'image', 'audio']);

/** Names the well-known unsupported extensions, so the refusal says what was recognised. */
const UNSUPPORTED_EXTENSIONS: Record<string, string> = {
  doc: 'Old Word files (.doc)',
  xls: 'Excel files',
  xlsx: 'Excel files',
  ppt: 'PowerPoint files',
  pptx: 'PowerPoint files',
  zip: 'Zip archives',
  exe: 'Programs',
};

function fromDeclared(declaredType: string | undefined): Expected | undefined {
  const mime = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (mime === undefined || mime === '') return undefined;
  if (mime.endsWith('+json')) return JSON_;
  return BY_MIME[mime];
}

function disguised(
  claim: string,
  expected: Expected,
  actual: string | undefined,
): DocumentRejected {
  const what = actual === undefined ? '' : ` (it looks like ${actual})`;
  return new DocumentRejected(
    `This file ${claim} but is not really ${expected.label}${what}. Upload the original file instead.`,
  );
}

/** Text without a telling name: look at the first characters. */
function sniffText(bytes: Uint8Array): Expected {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  if (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /<(head|body)[\s>]/.test(head)
  )
    return HTML;
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      JSON.parse(new TextDecoder('utf-8').decode(bytes));
      return JSON_;
    } catch {
      return TEXT;
    }
  }
  return TEXT;
}

/**
 * Decide the kind from the bytes first (magic numbers), then extension/declared type. Throws
 * DocumentRejected for unsupported types, empty files, or a disguised type.
 */
export function detectDocumentType(args: {
  bytes: Uint8Array;
  filename: string;
  declaredType?: string;
}): DetectedType {
  const { bytes } = args;
  if (bytes.length === 0) throw new DocumentRejected('The file is empty.');

  const ext = extensionOf(args.filename);
  const byName = BY_EXTENSION[ext];
  // The declared type only speaks when the name says nothing (URL fetches, extension-less names).
  const claimed = byName ?? fromDeclared(args.declaredType);
  const claim = byName
    ? `is named .${ext}`
    : `was declared as ${args.declaredType?.split(';')[0]?.trim() ?? ''}`;
  const declaredAudio = args.declaredType?.trim().toLowerCase().startsWith('audio/') ?? false;

  const sniffed = sniffBinary(bytes, {
    pdf: claimed?.kind === 'pdf',
    audio: claimed?.kind === 'audio' || declaredAudio,
  });
  if (sniffed?.supported === false) {
    if (sniffed.program) {
      throw new DocumentRejected(
        'This file is a program, not a document; Margin does not accept programs.',
      );
    }
    if (claimed) throw disguised(claim, claimed, sniffed.label);
    throw new DocumentRejected(
      `This looks like ${sniffed.label}, which is not supported. ${SUPPORTED_TYPES_MESSAGE}`,
    );
  }
  if (sniffed) {
    // A PNG saved as .jpg is a harmless misnomer; a PDF saved as .png or .txt is not.
    if (claimed && claimed.kind !== sniffed.kind) throw disguised(claim, claimed, sniffed.label);
    return { kind: sniffed.kind, mimeType: sniffed.mimeType };
  }

  // No signature: text, or a binary format we do not know.
  // isUtf8: a fatal TextDecoder's verdict without decoding the whole upload into a string.
  const binary = looksBinary(bytes) || (!hasUtf16Bom(bytes) && !isUtf8(bytes) && !claimed);
  if (claimed && BINARY_KINDS.has(claimed.kind)) {
    throw disguised(claim, claimed, binary ? undefined : 'text');
  }
  if (binary) {
    if (claimed) throw disguised(claim, claimed, 'binary data');
    const known = UNSUPPORTED_EXTENSIONS[ext];
    const what = known
      ? `${known} are not supported.`
      : 'Margin does not recognise this type of file.';
    throw new DocumentRejected(`${what} ${SUPPORTED_TYPES_MESSAGE}`);
  }
  const kind = claimed ?? sniffText(bytes);
  // Keep a declared charset (e.g. from a web server) so decoding later gets it right.
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(args.declaredType ?? '')?.[1];
  const sameKind = fromDeclared(args.declaredType)?.kind === kind.kind;
  return {
    kind: kind.kind,
    mimeType:
      charset && sameKind ? `${kind.mimeType}; charset=${charset.toLowerCase()}` : kind.mimeType,
  };
}
