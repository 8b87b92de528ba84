/** Word (.docx) via mammoth: paragraphs as plain text. */
import mammoth from 'mammoth';

import { normalizeText } from './decode.js';
import { DocumentRejected } from './errors.js';
import { firstLine } from './title.js';
import type { ExtractedDocument } from './types.js';

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let raw: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    raw = (await mammoth.extractRawText({ buffer })).value;
  } catch {
    throw new DocumentRejected('This Word document could not be read: it seems damaged.');
  }
  // mammoth ends each paragraph with a blank line; keep one blank line between paragraphs.
  const text = normalizeText(raw)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text === '') throw new DocumentRejected('This Word document has no text in it.');
  return { kind: 'docx', pages: [{ page: 1, text }], title: firstLine(text) };
}
