import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { chunkPages, joinPages } from './chunk.js';
import { detectDocumentType } from './detect.js';
import { DocumentRejected } from './errors.js';
import { extractDocument } from './extract.js';
import { makePdf } from './fixtures/make-pdf.js';

// The shared fixtures sit beside the repository root (/work/shared next to /work/main), in CI too.
const TRACEMONKEY = new URL(
  '../../../../../../../shared/fixtures/tracemonkey-pldi-09.pdf',
  import.meta.url,
);

const flat = (text: string) => text.replace(/\s+/g, ' ');

function pdfArgs(bytes: Uint8Array) {
  return { bytes, kind: 'pdf' as const, filename: 'paper.pdf', mimeType: 'application/pdf' };
}

describe('PDF extraction: the TraceMonkey paper (two columns, 14 pages)', () => {
  const bytes = new Uint8Array(readFileSync(fileURLToPath(TRACEMONKEY)));

  it('reads every page, the title, and text where it belongs', async () => {
    expect(detectDocumentType({ bytes, filename: 'tracemonkey-pldi-09.pdf' })).toEqual({
      kind: 'pdf',
      mimeType: 'application/pdf',
    });
    const progress: [number, number][] = [];
    const doc = await extractDocument({
      ...pdfArgs(bytes),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(doc.kind).toBe('pdf');
    expect(doc.pages.map((p) => p.page)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    // The PDF has no Title metadata: the title comes from the largest type on page 1.
    expect(doc.title).toBe('Trace-based Just-in-Time Type Specialization for Dynamic Languages');
    const page1 = flat(doc.pages[0]?.text ?? '');
    expect(page1).toContain(
      'we have measured speedups of 10x and more for certain benchmark programs',
    );
    expect(flat(doc.pages[8]?.text ?? '')).toContain('the monitor restores the interpreter state');
    expect(page1).not.toContain('the monitor restores the interpreter state');
    // Progress: a start, then one report per page, ending at 14 of 14.
    expect(progress[0]).toEqual([0, 14]);
    expect(progress.at(-1)).toEqual([14, 14]);
    expect(progress).toHaveLength(15);
  });

  it('keeps page numbers through chunking', async () => {
    const doc = await extractDocument(pdfArgs(bytes));
    const chunks = chunkPages(doc.pages);
    const joined = joinPages(doc.pages);
    expect(chunks.length).toBeGreaterThan(20);
    for (const chunk of chunks)
      expect(joined.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    const hit = chunks.find((c) =>
      flat(c.text).includes('the monitor restores the interpreter state'),
    );
    expect(hit).toBeDefined();
    expect(hit?.pageStart).toBeLessThanOrEqual(9);
    expect(hit?.pageEnd).toBeGreaterThanOrEqual(9);
    expect(hit?.pageEnd).toBeLessThanOrEqual(10);
    const abstract = chunks.find((c) => flat(c.text).includes('measured speedups of 10x'));
    expect(abstract?.pageStart).toBe(1);
    expect(chunks.at(-1)?.pageEnd).toBe(14);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    let seen = 0;
    const run = extractDocument({
      ...pdfArgs(bytes),
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        if (done === 2) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(seen).toBe(2);
  });
});

describe('PDF extraction: generated PDFs', () => {
  it('numbers pages and uses the metadata title when it is sensible', async () => {
    const bytes = makePdf(['Alpha page one\nsecond line', '', 'Gamma (page three)'], {
      title: 'A Generated Report',
    });
    const doc = await extractDocument(pdfArgs(bytes));
    expect(doc.pages).toEqual([
      { page: 1, text: 'Alpha page one\nsecond line' },
      { page: 2, text: '' },
      { page: 3, text: 'Gamma (page three)' },
    ]);
    expect(doc.title).toBe('A Generated Report');
  });

  it('ignores junk metadata titles and falls back to the first line', async () => {
    const doc = await extractDocument(
      pdfArgs(makePdf(['Quarterly numbers\nbody'], { title: 'Microsoft Word - draft3.docx' })),
    );
    expect(doc.title).toBe('Quarterly numbers');
  });

  it('maps chunks to the right page', async () => {
    const filler = (word: string) =>
      Array.from({ length: 12 }, (_, i) => `${word} sentence number ${i} is here.`).join('\n');
    const doc = await extractDocument(
      pdfArgs(makePdf([filler('alpha'), filler('beta'), filler('gamma')])),
    );
    const chunks = chunkPages(doc.pages, { targetTokens: 40, overlapTokens: 8 });
    for (const chunk of chunks) {
      const pages = ['alpha', 'beta', 'gamma']
        .map((word, i) => (chunk.text.includes(word) ? i + 1 : 0))
        .filter((p) => p > 0);
      expect(chunk.pageStart).toBe(Math.min(...pages));
      expect(chunk.pageEnd).toBe(Math.max(...pages));
    }
    expect(chunks.some((c) => c.pageStart === 3)).toBe(true);
  });

  it('accepts a Node Buffer and leaves the caller’s bytes intact', async () => {
    const bytes = Buffer.from(makePdf(['Buffer page']));
    const doc = await extractDocument(pdfArgs(bytes));
    expect(doc.pages).toEqual([{ page: 1, text: 'Buffer page' }]);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('rejects a truncated PDF as damaged', async () => {
    const bytes = makePdf(['Some text that will be cut off', 'more']);
    const truncated = bytes.subarray(0, 60);
    const run = extractDocument(pdfArgs(truncated));
    await expect(run).rejects.toBeInstanceOf(DocumentRejected);
    await expect(run).rejects.toThrow('This PDF could not be read: it seems damaged.');
  });

  it('rejects a PDF without text (a scan)', async () => {
    await expect(extractDocument(pdfArgs(makePdf(['', ''])))).rejects.toThrow(/no text layer/);
  });
});
