/** PDF via unpdf (pdf.js built for servers): text per page, with line and paragraph breaks. */
import { getDocumentProxy } from 'unpdf';

import { DocumentRejected } from './errors.js';
import { cleanTitle, firstLine } from './title.js';
import type { ExtractedDocument, ExtractedPage } from './types.js';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type ContentItem = Awaited<ReturnType<PdfPage['getTextContent']>>['items'][number];

/** The fields of a pdf.js TextItem this module reads. */
interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

const DAMAGED = 'This PDF could not be read: it seems damaged.';

function textItems(items: ContentItem[]): TextItem[] {
  const out: TextItem[] = [];
  for (const item of items) if ('str' in item) out.push(item); // skip marked-content markers
  return out;
}

const sizeOf = (item: TextItem): number =>
  Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0) || item.height;
const yOf = (item: TextItem): number => item.transform[5] ?? 0;

/**
 * Joins a page's items: a newline where pdf.js saw a line end, a blank line where the vertical gap
 * says a new paragraph (or a jump up says a new column) starts, so chunking can break there.
 */
export function pageText(items: TextItem[]): string {
  let out = '';
  let lineY: number | undefined;
  let lineSize = 0;
  let atLineStart = true;
  for (const item of items) {
    const y = yOf(item);
    const size = sizeOf(item) || lineSize;
    if (item.str !== '') {
      const scale = Math.max(size, lineSize);
      let newLine = atLineStart;
      if (atLineStart && lineY !== undefined && out !== '') {
        const gap = lineY - y;
        if (gap > 1.8 * scale || gap < -scale) out += '\n';
      } else if (!atLineStart && lineY !== undefined && Math.abs(lineY - y) > 1.5 * scale) {
        // A new line pdf.js did not flag (common in tagged or rotated text).
        out += '\n';
        newLine = true;
      }
      if (newLine || lineY === undefined) {
        lineY = y;
        lineSize = size;
      }
      out += item.str;
      atLineStart = false;
    }
    if (item.hasEOL) {
      out += '\n';
      atLineStart = true;
    }
  }
  return tidy(out);
}

function tidy(text: string): string {
  return (
    text
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      // Re-join words hyphenated across lines ("special-\nization"), not dashes or compounds.
      .replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** The first run of the largest type on page 1, when it stands out from the body text. */
export function headlineOf(items: TextItem[]): string | undefined {
  const visible = items.filter((item) => item.str.trim() !== '');
  if (visible.length === 0) return undefined;
  const sizes = visible.map(sizeOf).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const max = sizes[sizes.length - 1] ?? 0;
  if (max < median * 1.25) return undefined;
  const start = visible.findIndex((item) => sizeOf(item) >= max * 0.95);
  let run = '';
  for (const item of visible.slice(start)) {
    if (sizeOf(item) < max * 0.95) break;
    run += (run === '' || run.endsWith(' ') || item.str.startsWith(' ') ? '' : ' ') + item.str;
  }
  const title = cleanTitle(run);
  return title !== undefined && title.length >= 4 && !title.endsWith('…') ? title : undefined;
}

/** Producers often write junk titles: file names, "Untitled", "Microsoft Word - x.docx". */
function metadataTitle(info: unknown): string | undefined {
  if (typeof info !== 'object' || info === null || !('Title' in info)) return undefined;
  const raw = info.Title;
  if (typeof raw !== 'string') return undefined;
  const title = cleanTitle(raw);
  if (title === undefined || title.length < 4) return undefined;
  if (/^(untitled|document\d*|microsoft (word|powerpoint) - |title$)/i.test(title))
    return undefined;
  if (/\.(pdf|docx?|pptx?|tex|dvi|indd|qxd|rtf|txt)$/i.test(title)) return undefined;
  return title;
}

async function open(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // A plain Uint8Array copy: pdf.js rejects Node Buffers and may detach what it is given.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new DocumentRejected(
        'This PDF is protected by a password. Remove the password and upload it again.',
      );
    }
    throw new DocumentRejected(DAMAGED);
  }
}

export async function extractPdf(args: {
  bytes: Uint8Array;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}): Promise<ExtractedDocument> {
  const pdf = await open(args.bytes);
  try {
    const total = pdf.numPages;
    args.onProgress?.(0, total);
    const pages: ExtractedPage[] = [];
    let headline: string | undefined;
    for (let page = 1; page <= total; page++) {
      args.signal?.throwIfAborted();
      let items: TextItem[];
      try {
        const proxy = await pdf.getPage(page);
        items = textItems((await proxy.getTextContent()).items);
        proxy.cleanup();
      } catch {
        throw new DocumentRejected(DAMAGED);
      }
      if (page === 1) headline = headlineOf(items);
      pages.push({ page, text: pageText(items) });
      args.onProgress?.(page, total);
    }
    if (pages.every((p) => p.text === '')) {
      throw new DocumentRejected(
        'This PDF has no text layer (it is probably a scan), so Margin cannot read it yet.',
      );
    }
    const meta = await pdf.getMetadata().catch(() => undefined);
    const title =
      metadataTitle(meta?.info) ??
      headline ??
      firstLine(pages.find((p) => p.text !== '')?.text ?? '');
    return { kind: 'pdf', pages, title };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
