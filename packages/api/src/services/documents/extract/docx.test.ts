import { describe, expect, it } from 'vitest';

import { detectDocumentType } from './detect.js';
import { DocumentRejected } from './errors.js';
import { extractDocument } from './extract.js';
import { crc32, makeDocx, makeZip } from './fixtures/make-docx.js';
import { DOCX_MIME } from './magic.js';

const docxArgs = (bytes: Uint8Array) => ({
  bytes,
  kind: 'docx' as const,
  filename: 'notes.docx',
  mimeType: DOCX_MIME,
});

describe('DOCX extraction', () => {
  it('computes the standard CRC-32 the zip needs', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('reads paragraphs, with a blank line between them, and takes the first as title', async () => {
    const bytes = makeDocx(['', 'Project Plan', 'First paragraph & <details>.', 'Second one.']);
    expect(detectDocumentType({ bytes, filename: 'plan.docx' })).toEqual({
      kind: 'docx',
      mimeType: DOCX_MIME,
    });
    const doc = await extractDocument(docxArgs(bytes));
    expect(doc.pages).toEqual([
      { page: 1, text: 'Project Plan\n\nFirst paragraph & <details>.\n\nSecond one.' },
    ]);
    expect(doc.title).toBe('Project Plan');
  });

  it('rejects a damaged document', async () => {
    const bytes = makeDocx(['Hello']).subarray(0, 80);
    const run = extractDocument(docxArgs(bytes));
    await expect(run).rejects.toBeInstanceOf(DocumentRejected);
    await expect(run).rejects.toThrow('This Word document could not be read: it seems damaged.');
  });

  it('rejects a document without text', async () => {
    await expect(extractDocument(docxArgs(makeDocx(['', '  '])))).rejects.toThrow(/no text/);
  });

  it('treats a zip that is not a Word document as unsupported', () => {
    const zip = makeZip([{ name: 'readme.txt', data: 'hi' }]);
    expect(() => detectDocumentType({ bytes: zip, filename: 'notes.docx' })).toThrow(
      /not really a Word document/,
    );
    expect(() => detectDocumentType({ bytes: zip, filename: 'archive.zip' })).toThrow(
      /zip archive, which is not supported/,
    );
  });
});
