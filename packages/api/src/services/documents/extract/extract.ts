/** Text extraction, dispatched on the detected kind. */
import { extractDocx } from './docx.js';
import { extractHtml } from './html.js';
import { extractAudio, extractImage } from './media.js';
import { extractPdf } from './pdf.js';
import { extractTable } from './table.js';
import { extractText } from './text.js';
import { cleanTitle } from './title.js';
import { stripExtension } from './filename.js';
import type { ExtractArgs, ExtractedDocument } from './types.js';

/**
 * Extracts text per page. Throws DocumentRejected (a user-facing message) for corrupt, encrypted
 * or text-less documents; an abort rejects with the signal's reason.
 */
export async function extractDocument(args: ExtractArgs): Promise<ExtractedDocument> {
  args.signal?.throwIfAborted();
  const { bytes, kind, mimeType, filename } = args;
  switch (kind) {
    case 'pdf':
      return extractPdf({ bytes, signal: args.signal, onProgress: args.onProgress });
    case 'docx':
      return extractDocx(bytes);
    case 'html':
      return extractHtml({ bytes, mimeType });
    case 'markdown':
    case 'text':
      return extractText({ bytes, kind, mimeType });
    case 'csv':
    case 'json': {
      const doc = extractTable({ bytes, kind, mimeType, filename });
      return { ...doc, title: doc.title ?? cleanTitle(stripExtension(filename)) };
    }
    case 'image':
      return extractImage(filename);
    case 'audio':
      return extractAudio({
        bytes,
        filename,
        mimeType,
        transcribe: args.transcribe,
        signal: args.signal,
      });
  }
}
