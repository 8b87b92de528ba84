/**
 * Read-only queries behind document retrieval: BM25 over chunk text (FTS5), stored chunk
 * embeddings for brute-force cosine, and whole documents (chunks or pages, in order). Only
 * `ready` documents are ever searched: a document being (re)indexed may have partial chunks.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { documentChunks, documents, type DocumentRow } from '../schema/documents.js';

/** Which chunks to search: a conversation's ready documents, optionally only some of them. */
interface ChunkScope {
  conversationId: string;
  /** Restrict to these documents (still within the conversation); undefined = all of them. */
  documentIds?: readonly string[] | undefined;
}

/** WHERE terms over `document_chunks c JOIN documents d`. */
function scopeFilter({ conversationId, documentIds }: ChunkScope): SQL {
  const docs =
    documentIds === undefined
      ? sql``
      : sql`AND c.document_id IN (${sql.join(
          documentIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  return sql`c.conversation_id = ${conversationId}
      AND d.conversation_id = ${conversationId}
      AND d.status = 'ready'
      ${docs}`;
}

export interface ChunkFtsHit {
  rowid: number;
  documentId: string;
  /** FTS5 bm25(): lower (more negative) is a better match. */
  bm25: number;
}

/**
 * BM25 search over the chunks in scope, best first. `ftsQuery` must already be a safe FTS5
 * expression (user text goes through the API's quoting first).
 *
 * The scope is a set of rowids read from the `(document_id, position)` index, never from the
 * chunk rows themselves: joining every match to its row reads a page per match, which costs more
 * than the ranking. (`+rowid` keeps FTS5 from turning the set into one lookup per rowid.)
 */
export function searchChunksFts({
  db,
  ftsQuery,
  limit,
  conversationId,
  documentIds,
}: ChunkScope & { db: Executor; ftsQuery: string; limit: number }): ChunkFtsHit[] {
  if (documentIds?.length === 0) return [];
  const docs =
    documentIds === undefined
      ? sql``
      : sql`AND d.id IN (${sql.join(
          documentIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  return db.all<ChunkFtsHit>(sql`
    SELECT f.rowid AS rowid, c.document_id AS documentId, f.bm25 AS bm25
    FROM (
      SELECT rowid, bm25(document_chunks_fts) AS bm25
      FROM document_chunks_fts
      WHERE document_chunks_fts MATCH ${ftsQuery}
        AND +rowid IN (
          SELECT c.rowid FROM documents d JOIN document_chunks c ON c.document_id = d.id
          WHERE d.conversation_id = ${conversationId} AND d.status = 'ready' ${docs}
        )
      ORDER BY bm25, rowid
      LIMIT ${limit}
    ) f
    JOIN document_chunks c ON c.rowid = f.rowid
    ORDER BY f.bm25, f.rowid
  `);
}

/** Connections on which the temp vocabulary table has been created. */
const vocabReady = new WeakSet<object>();

/**
 * How many chunks (of all conversations, as FTS5's own BM25 counts them) contain each token,
 * through an `fts5vocab` table in the connection's temp schema (created on first use; index
 * lookups, no scan). A prefix token counts every completion (an upper bound). `total` is the
 * number of chunks indexed.
 */
export function chunkTokenCounts({
  db,
  tokens,
}: {
  db: Executor;
  tokens: readonly { token: string; prefix: boolean }[];
}): { total: number; counts: number[] } {
  if (!vocabReady.has(db)) {
    db.run(
      sql.raw(
        `CREATE VIRTUAL TABLE IF NOT EXISTS temp.document_chunks_vocab USING fts5vocab(main, 'document_chunks_fts', 'row')`,
      ),
    );
    vocabReady.add(db);
  }
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM document_chunks`).n;
  const counts = tokens.map(({ token, prefix }) => {
    const row = prefix
      ? db.get<{ n: number | null }>(sql`
          SELECT sum(doc) AS n FROM temp.document_chunks_vocab
          WHERE term >= ${token} AND term < ${`${token}\u{10FFFF}`}`)
      : db.get<{ n: number | null } | undefined>(sql`
          SELECT doc AS n FROM temp.document_chunks_vocab WHERE term = ${token}`);
    return row?.n ?? 0;
  });
  return { total, counts };
}

export interface ChunkEmbeddingRow {
  rowid: number;
  documentId: string;
  /** float32 little-endian, as stored. */
  embedding: Buffer;
}

/** (rowid, document, embedding) of every embedded chunk in scope, in rowid order. */
export function listChunkEmbeddings({
  db,
  ...scope
}: ChunkScope & { db: Executor }): ChunkEmbeddingRow[] {
  if (scope.documentIds?.length === 0) return [];
  return db.all<ChunkEmbeddingRow>(sql`
    SELECT c.rowid AS rowid, c.document_id AS documentId, c.embedding AS embedding
    FROM document_chunks c
    JOIN documents d ON d.id = c.document_id
    WHERE ${scopeFilter(scope)}
      AND c.embedding IS NOT NULL
    ORDER BY c.rowid
  `);
}

/**
 * A cheap fingerprint of what is searchable in a conversation: its ready documents (with their
 * last update) and the count and highest rowid of its chunks. Chunks are never edited in place
 * once their document is ready (re-indexing deletes and re-inserts them, and rowids are never
 * reused), so an unchanged fingerprint means unchanged chunk embeddings. Index-only reads.
 */
export function chunkSetSignature({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): string {
  const chunks = db.get<{ n: number; last: number | null }>(sql`
    SELECT count(*) AS n, max(rowid) AS last FROM document_chunks WHERE conversation_id = ${conversationId}
  `);
  const docs = db.all<{ id: string; updatedAt: number }>(sql`
    SELECT id, updated_at AS updatedAt FROM documents
    WHERE conversation_id = ${conversationId} AND status = 'ready'
    ORDER BY id
  `);
  return `${chunks.n}:${chunks.last ?? 0}:${docs.map((d) => `${d.id}@${d.updatedAt}`).join(',')}`;
}

export interface RetrievedChunkRow {
  rowid: number;
  documentId: string;
  ordinal: number;
  title: string;
  position: number;
  pageStart: number;
  pageEnd: number;
  tokenCount: number;
  text: string;
}

const chunkColumns = {
  rowid: documentChunks.rowid,
  documentId: documentChunks.documentId,
  ordinal: documents.ordinal,
  title: documents.title,
  position: documentChunks.position,
  pageStart: documentChunks.pageStart,
  pageEnd: documentChunks.pageEnd,
  tokenCount: documentChunks.tokenCount,
  text: documentChunks.text,
};

/** Chunks by rowid, with their document's ordinal and title; order unspecified. */
export function findChunksByRowids({
  db,
  rowids,
}: {
  db: Executor;
  rowids: readonly number[];
}): RetrievedChunkRow[] {
  if (rowids.length === 0) return [];
  return db
    .select(chunkColumns)
    .from(documentChunks)
    .innerJoin(documents, eq(documents.id, documentChunks.documentId))
    .where(inArray(documentChunks.rowid, [...rowids]))
    .all();
}

/** Every chunk of a document in position order, with its ordinal and title. */
export function listDocumentChunks({
  db,
  documentId,
  limit,
}: {
  db: Executor;
  documentId: string;
  /** At most this many, from the start. */
  limit?: number;
}): RetrievedChunkRow[] {
  const query = db
    .select(chunkColumns)
    .from(documentChunks)
    .innerJoin(documents, eq(documents.id, documentChunks.documentId))
    .where(eq(documentChunks.documentId, documentId))
    .orderBy(asc(documentChunks.position));
  return limit === undefined ? query.all() : query.limit(limit).all();
}

export type ConversationDocument = Pick<
  DocumentRow,
  | 'id'
  | 'ordinal'
  | 'kind'
  | 'title'
  | 'mimeType'
  | 'storageKey'
  | 'status'
  | 'error'
  | 'shortSummary'
  | 'pageCount'
  | 'chunkCount'
  | 'tokenCount'
>;

const documentColumns = {
  id: documents.id,
  ordinal: documents.ordinal,
  // Kind, type and key let chat send an image document's bytes to a vision model.
  kind: documents.kind,
  title: documents.title,
  mimeType: documents.mimeType,
  storageKey: documents.storageKey,
  status: documents.status,
  error: documents.error,
  shortSummary: documents.shortSummary,
  pageCount: documents.pageCount,
  chunkCount: documents.chunkCount,
  tokenCount: documents.tokenCount,
};

/** The ready documents of one user's conversation, in `#doc_N` order. */
export function listReadyDocuments({
  db,
  conversationId,
  userId,
}: {
  db: Executor;
  conversationId: string;
  userId: string;
}): ConversationDocument[] {
  return db
    .select(documentColumns)
    .from(documents)
    .where(
      and(
        eq(documents.conversationId, conversationId),
        eq(documents.userId, userId),
        eq(documents.status, 'ready'),
      ),
    )
    .orderBy(asc(documents.ordinal))
    .all();
}
