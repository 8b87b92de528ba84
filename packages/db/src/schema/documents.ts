import {
  blob,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/sqlite-core';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '@margin/shared';
import { users } from './auth.js';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.js';
import { conversations } from './organise.js';

// The API's enums, so a column holds exactly what the API accepts.
export { DOCUMENT_KINDS, DOCUMENT_STATUSES };

/**
 * A file or web page attached to a conversation. `ordinal` is N in `#doc_N` (1-based, dense:
 * deleting a document renumbers the later ones). The bytes live in `DATA_DIR/files/documents/`
 * under `storage_key` (a generated id), never under the client's file name.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: idColumn(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    /** Sanitised display name (no directories, no control characters). */
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    sourceUrl: text('source_url'),
    storageKey: text('storage_key').notNull(),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('queued'),
    error: text('error'),
    shortSummary: text('short_summary'),
    pageCount: integer('page_count'),
    chunkCount: integer('chunk_count').notNull().default(0),
    tokenCount: integer('token_count').notNull().default(0),
    /** Table previews (CSV/TSV/JSON) and other per-kind facts, as JSON text. */
    preview: text('preview'),
    /** The indexing job currently or last run for this document. */
    jobId: text('job_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('documents_ordinal_idx').on(t.conversationId, t.ordinal),
    index('documents_sha_idx').on(t.conversationId, t.sha256),
    index('documents_user_idx').on(t.userId),
  ],
);

/** Extracted text per page (one "page" for formats without pages): the source of `#full_doc_N`. */
export const documentPages = sqliteTable(
  'document_pages',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    page: integer('page').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.page] })],
);

/**
 * Retrieval units. The integer rowid keys the FTS5 index (`document_chunks_fts`, kept in sync by
 * triggers in the migration). `embedding` is a float32 little-endian vector when embeddings are
 * configured; ranking is brute force over one conversation's chunks.
 */
export const documentChunks = sqliteTable(
  'document_chunks',
  {
    rowid: integer('rowid').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** 0-based position of the chunk in its document. */
    position: integer('position').notNull(),
    pageStart: integer('page_start').notNull(),
    pageEnd: integer('page_end').notNull(),
    /** Character offsets into the document's concatenated text. */
    charStart: integer('char_start').notNull(),
    charEnd: integer('char_end').notNull(),
    tokenCount: integer('token_count').notNull(),
    text: text('text').notNull(),
    embedding: blob('embedding', { mode: 'buffer' }),
  },
  (t) => [
    uniqueIndex('document_chunks_position_idx').on(t.documentId, t.position),
    index('document_chunks_conversation_idx').on(t.conversationId),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type DocumentChunkRow = typeof documentChunks.$inferSelect;
export type NewDocumentChunkRow = typeof documentChunks.$inferInsert;
