import { z } from 'zod';

export const DOCUMENT_STATUSES = ['queued', 'indexing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_KINDS = [
  'pdf',
  'docx',
  'html',
  'markdown',
  'text',
  'csv',
  'json',
  'image',
  'audio',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Defaults; the server's configuration may lower or raise the size limit. */
export const DOCUMENT_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  urlMax: 2048,
  perConversation: 200,
} as const;

/** File extensions the upload accepts, for the file picker (the server checks the bytes too). */
export const DOCUMENT_ACCEPT = [
  '.pdf',
  '.docx',
  '.html',
  '.htm',
  '.md',
  '.markdown',
  '.txt',
  '.csv',
  '.tsv',
  '.json',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.mp3',
  '.wav',
  '.m4a',
  '.ogg',
  '.webm',
  '.flac',
] as const;

const id = z.string().min(1).max(64);

/**
 * The text fields of `documents.upload` (multipart form data: these plus `file`). The router
 * takes the FormData itself and checks `file` (a Blob with a name, within the size limit).
 */
export const uploadDocumentFields = z.object({ conversationId: id });

/** An http(s) address: what a document may come from (and what its page links to). */
export const webAddressSchema = z
  .string()
  .trim()
  .min(1, 'Enter a web address')
  .max(DOCUMENT_LIMITS.urlMax, 'That address is too long')
  .pipe(
    z.url({
      protocol: /^https?$/,
      error: 'Enter a full web address starting with http:// or https://',
    }),
  );

export const addDocumentUrlInput = z.object({ conversationId: id, url: webAddressSchema });

export const listDocumentsInput = z.object({ conversationId: id });
export const documentIdInput = z.object({ id });

export interface Document {
  id: string;
  conversationId: string;
  /** N in `#doc_N`. */
  ordinal: number;
  kind: DocumentKind;
  title: string;
  filename: string;
  mimeType: string;
  size: number;
  sourceUrl: string | null;
  status: DocumentStatus;
  error: string | null;
  shortSummary: string | null;
  pageCount: number | null;
  chunkCount: number;
  /** The indexing job to follow while `status` is queued or indexing. */
  jobId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `documents.get`: the document plus a preview of tabular data when there is one. */
export interface DocumentDetail extends Document {
  preview: DocumentPreview | null;
}

export interface DocumentPreview {
  /** Column names and the first rows, for CSV/TSV/JSON arrays of objects. */
  columns: string[];
  rows: string[][];
  totalRows: number;
}

export interface DocumentUploadResult {
  documentId: string;
  jobId: string;
  /** True when the same bytes were already in this conversation: nothing new was stored. */
  duplicate: boolean;
}
