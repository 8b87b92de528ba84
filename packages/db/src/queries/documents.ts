import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNull, lt, max, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  documentChunks,
  documentPages,
  documents,
  type DocumentRow,
  type NewDocumentChunkRow,
} from '../schema/documents.js';
import { batches } from '../batches.js';
import { prepared } from '../prepared.js';

/**
 * Rows per multi-row INSERT. A chunk row binds 11 values, so 500 rows stay far below SQLite's
 * bound-parameter limit (32766 since 3.32) while keeping the statement count small.
 */
const INSERT_BATCH = 500;

export function insertDocument({
  db,
  document,
}: {
  db: Executor;
  document: typeof documents.$inferInsert;
}): DocumentRow {
  return db.insert(documents).values(document).returning().get();
}

/** The caller's document, or undefined (someone else's looks missing). */
export function findOwnedDocument({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), eq(documents.userId, userId)))
    .get();
}

/** Any document by id: for jobs that already checked ownership when they were started. */
export function findDocument({ db, id }: { db: Executor; id: string }): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.id, id)).get();
}

/** A conversation's documents in `#doc_N` order. */
export function listConversationDocuments({
  db,
  conversationId,
  userId,
}: {
  db: Executor;
  conversationId: string;
  userId: string;
}): DocumentRow[] {
  return prepared(db, listConversationDocumentsQuery).all({ conversationId, userId });
}

const listConversationDocumentsQuery = (db: Executor) =>
  db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.conversationId, sql.placeholder('conversationId')),
        eq(documents.userId, sql.placeholder('userId')),
      ),
    )
    .orderBy(asc(documents.ordinal))
    .prepare();

export function countConversationDocuments({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): number {
  return (
    db
      .select({ n: count() })
      .from(documents)
      .where(eq(documents.conversationId, conversationId))
      .get()?.n ?? 0
  );
}

/** The ordinal a new document of the conversation gets (1-based, dense). */
export function nextOrdinal({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): number {
  const row = db
    .select({ last: max(documents.ordinal) })
    .from(documents)
    .where(eq(documents.conversationId, conversationId))
    .get();
  return (row?.last ?? 0) + 1;
}

/** A document of this conversation with these exact bytes (de-duplication), oldest first. */
export function findDocumentBySha({
  db,
  conversationId,
  sha256,
}: {
  db: Executor;
  conversationId: string;
  sha256: string;
}): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.conversationId, conversationId), eq(documents.sha256, sha256)))
    .orderBy(asc(documents.ordinal))
    .get();
}

/** A document of this conversation added from this exact address. */
export function findDocumentBySourceUrl({
  db,
  conversationId,
  sourceUrl,
}: {
  db: Executor;
  conversationId: string;
  sourceUrl: string;
}): DocumentRow | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.conversationId, conversationId), eq(documents.sourceUrl, sourceUrl)))
    .orderBy(asc(documents.ordinal))
    .get();
}

export type DocumentChanges = Partial<
  Pick<
    DocumentRow,
    | 'kind'
    | 'title'
    | 'filename'
    | 'mimeType'
    | 'size'
    | 'sha256'
    | 'storageKey'
    | 'status'
    | 'error'
    | 'shortSummary'
    | 'pageCount'
    | 'chunkCount'
    | 'tokenCount'
    | 'preview'
    | 'jobId'
  >
>;

export function updateDocument({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: DocumentChanges;
}): DocumentRow | undefined {
  return db.update(documents).set(changes).where(eq(documents.id, id)).returning().get();
}

/**
 * Updates the document only while its indexing job is still `jobId` (a re-index or delete may
 * have replaced or removed it): false when nothing was updated.
 */
export function updateDocumentForJob({
  db,
  id,
  jobId,
  changes,
}: {
  db: Executor;
  id: string;
  jobId: string;
  changes: DocumentChanges;
}): boolean {
  return (
    db
      .update(documents)
      .set(changes)
      .where(and(eq(documents.id, id), eq(documents.jobId, jobId)))
      .run().changes > 0
  );
}

/** Deletes the row; pages and chunks cascade, and the FTS rows go through the delete trigger. */
export function deleteDocument({ db, id }: { db: Executor; id: string }): number {
  return db.delete(documents).where(eq(documents.id, id)).run().changes;
}

/**
 * Closes the gap a deleted document left at `deletedOrdinal`: every later ordinal moves down by
 * one. SQLite checks the unique (conversation_id, ordinal) index row by row during an UPDATE, so
 * a single `ordinal = ordinal - 1` can collide midway; the shift goes through negative values.
 */
export function closeOrdinalGap({
  db,
  conversationId,
  deletedOrdinal,
}: {
  db: Executor;
  conversationId: string;
  deletedOrdinal: number;
}): number {
  const moved = db
    .update(documents)
    .set({ ordinal: sql`-${documents.ordinal}` })
    .where(and(eq(documents.conversationId, conversationId), gt(documents.ordinal, deletedOrdinal)))
    .run().changes;
  if (moved > 0) {
    db.update(documents)
      .set({ ordinal: sql`-${documents.ordinal} - 1` })
      .where(and(eq(documents.conversationId, conversationId), lt(documents.ordinal, 0)))
      .run();
  }
  return moved;
}

export function insertPages({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof documentPages.$inferInsert)[];
}): void {
  for (const batch of batches(rows, INSERT_BATCH)) db.insert(documentPages).values(batch).run();
}

/** Inserts chunks (the FTS index follows through the insert trigger); returns their rowids in order. */
export function insertChunks({
  db,
  rows,
}: {
  db: Executor;
  rows: NewDocumentChunkRow[];
}): number[] {
  const ids: number[] = [];
  for (const batch of batches(rows, INSERT_BATCH)) {
    const inserted = db
      .insert(documentChunks)
      .values(batch)
      .returning({ rowid: documentChunks.rowid })
      .all();
    for (const r of inserted) ids.push(r.rowid);
  }
  return ids;
}

export function setChunkEmbeddings({
  db,
  rows,
}: {
  db: Executor;
  rows: { rowid: number; embedding: Buffer }[];
}): void {
  for (const r of rows) {
    db.update(documentChunks)
      .set({ embedding: r.embedding })
      .where(eq(documentChunks.rowid, r.rowid))
      .run();
  }
}

/** Removes a document's embeddings (all or nothing: a model that failed midway leaves none). */
export function clearChunkEmbeddings({
  db,
  documentId,
}: {
  db: Executor;
  documentId: string;
}): void {
  db.update(documentChunks)
    .set({ embedding: null })
    .where(eq(documentChunks.documentId, documentId))
    .run();
}

/** Removes a document's extracted text (pages, chunks and their FTS rows), e.g. before re-indexing. */
export function deleteDocumentContent({
  db,
  documentId,
}: {
  db: Executor;
  documentId: string;
}): void {
  db.delete(documentChunks).where(eq(documentChunks.documentId, documentId)).run();
  db.delete(documentPages).where(eq(documentPages.documentId, documentId)).run();
}

export function listPages({
  db,
  documentId,
}: {
  db: Executor;
  documentId: string;
}): { page: number; text: string }[] {
  return db
    .select({ page: documentPages.page, text: documentPages.text })
    .from(documentPages)
    .where(eq(documentPages.documentId, documentId))
    .orderBy(asc(documentPages.page))
    .all();
}

/** Storage keys of the given conversations' documents (files to remove after deleting them). */
export function listConversationStorageKeys({
  db,
  userId,
  conversationIds,
}: {
  db: Executor;
  userId: string;
  conversationIds: string[];
}): string[] {
  if (conversationIds.length === 0) return [];
  const keys: string[] = [];
  for (const ids of batches(conversationIds, INSERT_BATCH)) {
    const rows = db
      .select({ key: documents.storageKey })
      .from(documents)
      .where(and(eq(documents.userId, userId), inArray(documents.conversationId, ids)))
      .all();
    for (const r of rows) keys.push(r.key);
  }
  return keys;
}

export function listUserStorageKeys({ db, userId }: { db: Executor; userId: string }): string[] {
  return db
    .select({ key: documents.storageKey })
    .from(documents)
    .where(eq(documents.userId, userId))
    .all()
    .map((r) => r.key);
}

/** Every storage key in use (the orphan-file sweep keeps exactly these). */
export function listAllStorageKeys({ db }: { db: Executor }): string[] {
  return db
    .select({ key: documents.storageKey })
    .from(documents)
    .all()
    .map((r) => r.key);
}

/**
 * Copies documents of one conversation to another (clone): rows with new ids and the given new
 * storage keys, their pages, and their chunks with embeddings (FTS rows follow by trigger).
 * Ordinals stay dense (1..n in the source's order; a document without a key is skipped). A
 * document still being indexed is copied as failed: no job writes to the copy.
 * `storageKeys` maps source document id → the key its copied file was written under.
 */
export function copyConversationDocuments({
  db,
  fromConversationId,
  toConversationId,
  userId,
  storageKeys,
}: {
  db: Executor;
  fromConversationId: string;
  toConversationId: string;
  userId: string;
  storageKeys: ReadonlyMap<string, string>;
}): Map<string, string> {
  const ids = new Map<string, string>();
  const sources = listConversationDocuments({ db, conversationId: fromConversationId, userId });
  let ordinal = 0;
  for (const d of sources) {
    const storageKey = storageKeys.get(d.id);
    if (storageKey === undefined) continue;
    ordinal++;
    const id = randomUUID();
    ids.set(d.id, id);
    const unfinished = d.status === 'queued' || d.status === 'indexing';
    db.insert(documents)
      .values({
        id,
        conversationId: toConversationId,
        userId,
        ordinal,
        kind: d.kind,
        title: d.title,
        filename: d.filename,
        mimeType: d.mimeType,
        size: d.size,
        sha256: d.sha256,
        sourceUrl: d.sourceUrl,
        storageKey,
        status: unfinished ? 'failed' : d.status,
        error: unfinished ? 'Copied while it was being indexed — re-index to try again.' : d.error,
        shortSummary: d.shortSummary,
        pageCount: d.pageCount,
        chunkCount: unfinished ? 0 : d.chunkCount,
        tokenCount: unfinished ? 0 : d.tokenCount,
        preview: d.preview,
        // A finished job's record still describes how this text was made; nothing runs for the copy.
        jobId: unfinished ? null : d.jobId,
        createdAt: d.createdAt,
      })
      .run();
    if (unfinished) continue;
    db.run(sql`
      INSERT INTO document_pages (document_id, page, text)
      SELECT ${id}, page, text FROM document_pages WHERE document_id = ${d.id} ORDER BY page
    `);
    db.run(sql`
      INSERT INTO document_chunks
        (document_id, conversation_id, position, page_start, page_end, char_start, char_end,
         token_count, text, embedding)
      SELECT ${id}, ${toConversationId}, position, page_start, page_end, char_start, char_end,
             token_count, text, embedding
      FROM document_chunks WHERE document_id = ${d.id} ORDER BY position
    `);
  }
  return ids;
}

/**
 * At start-up: documents a crash or restart left queued or indexing (no process runs their job
 * any more) become failed with `error`. Returns how many.
 */
export function failUnfinishedDocuments({ db, error }: { db: Executor; error: string }): number {
  return db
    .update(documents)
    .set({ status: 'failed', error })
    .where(or(eq(documents.status, 'queued'), eq(documents.status, 'indexing')))
    .run().changes;
}

/** Chunks of a document without an embedding (rowid and text), in order. */
export function listChunksWithoutEmbedding({
  db,
  documentId,
}: {
  db: Executor;
  documentId: string;
}): { rowid: number; text: string }[] {
  return db
    .select({ rowid: documentChunks.rowid, text: documentChunks.text })
    .from(documentChunks)
    .where(and(eq(documentChunks.documentId, documentId), isNull(documentChunks.embedding)))
    .orderBy(asc(documentChunks.position))
    .all();
}
