import type { DocumentKind, DocumentPreview } from '@margin/shared';

export interface ExtractedPage {
  /** 1-based. */
  page: number;
  text: string;
}

export interface ExtractedDocument {
  kind: DocumentKind;
  /** One entry per real page; formats without pages have a single page 1; images have none. */
  pages: ExtractedPage[];
  /** A heuristic title; undefined when nothing sensible was found. */
  title?: string;
  /** CSV/TSV/JSON arrays of objects: columns, the first rows, and the row count. */
  preview?: DocumentPreview;
}

export interface DetectedType {
  kind: DocumentKind;
  mimeType: string;
}

export interface TranscribeArgs {
  bytes: Uint8Array;
  filename: string;
  mimeType: string;
  signal?: AbortSignal;
}

export type Transcribe = (args: TranscribeArgs) => Promise<string>;

export interface ExtractArgs {
  bytes: Uint8Array;
  kind: DocumentKind;
  filename: string;
  mimeType: string;
  /** Audio: speech-to-text when configured; undefined rejects audio with a clear message. */
  transcribe?: Transcribe;
  signal?: AbortSignal;
  /** PDFs: pages done / total. */
  onProgress?: (done: number, total: number) => void;
}

export interface TextChunk {
  position: number;
  pageStart: number;
  pageEnd: number;
  charStart: number;
  charEnd: number;
  tokenCount: number;
  text: string;
}

export interface ChunkOptions {
  targetTokens?: number;
  overlapTokens?: number;
}

export interface FetchedUrl {
  bytes: Uint8Array;
  contentType: string;
  finalUrl: string;
  /** From Content-Disposition or the URL path, sanitised; e.g. "page.html". */
  filename: string;
}

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowPrivate: boolean;
  signal?: AbortSignal;
}
