/**
 * Pure helpers about files and documents: what the picker accepts, checks made before an upload
 * (the server checks again, with its own size limit), sizes, kinds and the viewer to use.
 */
import { DOCUMENT_ACCEPT, type Document, type DocumentKind } from '@margin/shared';

/** `accept` attribute of the file input. */
export const ACCEPT_ATTRIBUTE = DOCUMENT_ACCEPT.join(',');

/** Human list of what can be attached, for hints and errors. */
export const SUPPORTED_SUMMARY =
  'PDF, Word (.docx), HTML, Markdown, text, CSV/TSV, JSON, images (PNG, JPEG, GIF, WebP) and audio';

const ACCEPTED = new Set<string>(DOCUMENT_ACCEPT);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Why this file cannot be uploaded, or null when it may be sent. */
export function rejectFile(file: { name: string; size: number }, maxBytes?: number): string | null {
  const extension = extensionOf(file.name);
  if (!ACCEPTED.has(extension)) {
    const what = extension ? `${extension} files` : 'Files without an extension';
    return `${what} can't be attached. Supported: ${SUPPORTED_SUMMARY}.`;
  }
  if (file.size === 0) return 'The file is empty.';
  if (maxBytes !== undefined && file.size > maxBytes)
    return `The file is larger than ${formatBytes(maxBytes)}, the largest upload this server accepts.`;
  return null;
}

const SIZE_UNITS = ['KB', 'MB', 'GB'] as const;

/** 932 B, 1.2 MB, 14 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  let value = bytes / 1024;
  let unit: (typeof SIZE_UNITS)[number] = 'KB';
  for (const next of SIZE_UNITS.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value))} ${unit}`;
}

export const KIND_LABELS: Record<DocumentKind, string> = {
  pdf: 'PDF',
  docx: 'Word',
  html: 'HTML',
  markdown: 'Markdown',
  text: 'Text',
  csv: 'CSV',
  json: 'JSON',
  image: 'Image',
  audio: 'Audio',
};

export function documentRef(ordinal: number): string {
  return `#doc_${String(ordinal)}`;
}

/** "PDF · 14 pages · 1 MB". */
export function documentFacts(doc: Pick<Document, 'kind' | 'pageCount' | 'size'>): string {
  const parts: string[] = [KIND_LABELS[doc.kind]];
  if (doc.pageCount !== null && doc.pageCount > 0 && doc.kind === 'pdf') {
    parts.push(doc.pageCount === 1 ? '1 page' : `${String(doc.pageCount)} pages`);
  }
  if (doc.size > 0) parts.push(formatBytes(doc.size));
  return parts.join(' · ');
}

export type ViewerMode = 'pdf' | 'image' | 'text' | 'table' | 'audio' | 'none';

/** How the viewer shows a document's bytes. */
export function viewerMode(
  doc: Pick<Document, 'kind' | 'mimeType'>,
  hasPreview: boolean,
): ViewerMode {
  switch (doc.kind) {
    case 'pdf':
      return 'pdf';
    case 'image':
      return 'image';
    case 'audio':
      return 'audio';
    case 'csv':
    case 'json':
      return hasPreview ? 'table' : 'text';
    case 'text':
    case 'markdown':
    case 'html':
      return 'text';
    case 'docx':
      return 'none';
  }
}

export function fileUrl(id: string, inline: boolean): string {
  const base = `/files/documents/${encodeURIComponent(id)}`;
  return inline ? `${base}?inline=1` : base;
}

/** Documents still being indexed (their list should refresh until they settle). */
export function isPending(doc: Pick<Document, 'status'>): boolean {
  return doc.status === 'queued' || doc.status === 'indexing';
}

/**
 * Which chips a collapsed bar shows: the first `limit` documents, plus any later one that is
 * still indexing or failed (those need attention). Returns the shown ones and how many are hidden.
 */
export function collapseDocuments<T extends Pick<Document, 'status'>>(
  docs: readonly T[],
  limit: number,
): { shown: T[]; hidden: number } {
  if (docs.length <= limit + 1) return { shown: [...docs], hidden: 0 };
  const shown = docs.filter((doc, index) => index < limit || doc.status !== 'ready');
  return { shown, hidden: docs.length - shown.length };
}

/** Files to upload from a paste: only when the clipboard holds files and no real text. */
export function pastedFiles(data: {
  files: ArrayLike<File>;
  getData: (format: string) => string;
}): File[] {
  const files = Array.from(data.files);
  if (files.length === 0) return [];
  const text = data.getData('text/plain').trim();
  // Copying a file in a file manager may also put its name on the clipboard as text.
  if (text !== '' && !files.some((file) => text.includes(file.name))) return [];
  return files;
}
