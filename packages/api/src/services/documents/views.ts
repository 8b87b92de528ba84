import { TRPCError } from '@trpc/server';
import type { DocumentRow } from '@margin/db';
import type { Document, DocumentDetail, DocumentPreview, SharedDocument } from '@margin/shared';

export const documentNotFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'Document not found.' });

export function toDocument(row: DocumentRow): Document {
  return {
    id: row.id,
    conversationId: row.conversationId,
    ordinal: row.ordinal,
    kind: row.kind,
    title: row.title,
    filename: row.filename,
    mimeType: row.mimeType,
    size: row.size,
    sourceUrl: row.sourceUrl,
    status: row.status,
    error: row.error,
    shortSummary: row.shortSummary,
    pageCount: row.pageCount,
    chunkCount: row.chunkCount,
    jobId: row.jobId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function isPreview(value: unknown): value is DocumentPreview {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.columns) &&
    v.columns.every((c) => typeof c === 'string') &&
    Array.isArray(v.rows) &&
    v.rows.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string')) &&
    typeof v.totalRows === 'number'
  );
}

export function parsePreview(text: string | null): DocumentPreview | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isPreview(value) ? value : null;
  } catch {
    return null;
  }
}

export function toDocumentDetail(row: DocumentRow): DocumentDetail {
  return { ...toDocument(row), preview: parsePreview(row.preview) };
}

export function toSharedDocument(row: DocumentRow): SharedDocument {
  return {
    id: row.id,
    ordinal: row.ordinal,
    title: row.title,
    filename: row.filename,
    mimeType: row.mimeType,
  };
}

/** "50 MB" for a byte limit (one decimal when needed; KB or bytes below a megabyte). */
export function formatMegabytes(bytes: number): string {
  const unit = (n: number, name: string) =>
    `${Number.isInteger(n) ? String(n) : n.toFixed(1)} ${name}`;
  if (bytes >= 1024 * 1024) return unit(bytes / (1024 * 1024), 'MB');
  if (bytes >= 1024) return unit(bytes / 1024, 'KB');
  return `${bytes} bytes`;
}
