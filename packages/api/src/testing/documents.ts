/**
 * Documents inserted straight into the database for retrieval and chat tests: pages, chunks and
 * (optionally) the embeddings the fake provider would return, as ingestion would store them.
 * Images also get their bytes written through the storage module, as an upload would.
 */
import { documentChunks, documentPages, documents, eq, max, type DocumentRow } from '@margin/db';
import { createHash, randomUUID } from 'node:crypto';
import { countTokens } from '../services/chat/tokens.js';
import { normalize, vectorToBlob } from '../services/documents/embeddings.js';
import { writeDocumentFile } from '../services/documents/storage.js';
import { fakeEmbedding } from './fake-openai.js';
import type { TestHarness } from './harness.js';

export interface FixtureChunk {
  text: string;
  pageStart?: number;
  pageEnd?: number;
  /** An explicit vector (normalised before storing); otherwise see `embed`. */
  embedding?: number[];
}

export interface FixtureDocument {
  userId: string;
  conversationId: string;
  title?: string;
  /** Default: one more than the conversation's last. */
  ordinal?: number;
  status?: DocumentRow['status'];
  error?: string | null;
  shortSummary?: string | null;
  /** Page texts, page 1 first. Default: one page per chunk. */
  pages?: string[];
  /** Default: one chunk per page. */
  chunks?: FixtureChunk[];
  /** Store the fake provider's embedding of each chunk without an explicit one. */
  embed?: boolean;
  /** Default 'text' (with 'text/plain' and a `.txt` file name). */
  kind?: DocumentRow['kind'];
  mimeType?: string;
  filename?: string;
  /** Default: a new key, with no file behind it. */
  storageKey?: string;
  size?: number;
}

export interface InsertedDocument extends DocumentRow {
  chunkRowids: number[];
}

export function insertDocumentFixture(h: TestHarness, doc: FixtureDocument): InsertedDocument {
  const { db } = h.services;
  const chunks: FixtureChunk[] =
    doc.chunks ?? (doc.pages ?? []).map((text, i) => ({ text, pageStart: i + 1 }));
  const pages = doc.pages ?? chunks.map((c) => c.text);
  const ordinal =
    doc.ordinal ??
    (db
      .select({ last: max(documents.ordinal) })
      .from(documents)
      .where(eq(documents.conversationId, doc.conversationId))
      .get()?.last ?? 0) + 1;
  return db.transaction((tx) => {
    const title = doc.title ?? `Document ${ordinal}`;
    const row = tx
      .insert(documents)
      .values({
        conversationId: doc.conversationId,
        userId: doc.userId,
        ordinal,
        kind: doc.kind ?? 'text',
        title,
        filename: doc.filename ?? `${title}.txt`,
        mimeType: doc.mimeType ?? 'text/plain',
        size: doc.size ?? pages.join('\n').length,
        sha256: createHash('sha256').update(pages.join('\n')).digest('hex'),
        storageKey: doc.storageKey ?? randomUUID(),
        status: doc.status ?? 'ready',
        error: doc.error ?? null,
        shortSummary: doc.shortSummary ?? null,
        pageCount: pages.length,
        chunkCount: chunks.length,
        tokenCount: pages.reduce((n, p) => n + countTokens(p), 0),
      })
      .returning()
      .get();
    if (pages.length > 0) {
      tx.insert(documentPages)
        .values(pages.map((text, i) => ({ documentId: row.id, page: i + 1, text })))
        .run();
    }
    const chunkRowids: number[] = [];
    let offset = 0;
    chunks.forEach((chunk, position) => {
      const vector = chunk.embedding ?? (doc.embed ? fakeEmbedding(chunk.text) : undefined);
      const inserted = tx
        .insert(documentChunks)
        .values({
          documentId: row.id,
          conversationId: doc.conversationId,
          position,
          pageStart: chunk.pageStart ?? 1,
          pageEnd: chunk.pageEnd ?? chunk.pageStart ?? 1,
          charStart: offset,
          charEnd: offset + chunk.text.length,
          tokenCount: countTokens(chunk.text),
          text: chunk.text,
          embedding: vector ? vectorToBlob(normalize(Float32Array.from(vector))) : null,
        })
        .returning({ rowid: documentChunks.rowid })
        .get();
      offset += chunk.text.length;
      chunkRowids.push(inserted.rowid);
    });
    return { ...row, chunkRowids };
  });
}

/** A tiny valid PNG (1×1, transparent): what an uploaded picture looks like on disk. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface FixtureImage {
  userId: string;
  conversationId: string;
  title?: string;
  /** Default {@link TINY_PNG}. */
  bytes?: Uint8Array;
  /** Default 'image/png'. */
  mimeType?: string;
  ordinal?: number;
}

/** A ready image document (no text, as ingestion leaves one) with its file in storage. */
export async function insertImageFixture(
  h: TestHarness,
  image: FixtureImage,
): Promise<InsertedDocument> {
  const bytes = image.bytes ?? TINY_PNG;
  const storageKey = randomUUID();
  await writeDocumentFile(h.services.config.documents.filesDir, storageKey, bytes);
  const title = image.title ?? 'photo.png';
  return insertDocumentFixture(h, {
    userId: image.userId,
    conversationId: image.conversationId,
    ordinal: image.ordinal,
    title,
    kind: 'image',
    mimeType: image.mimeType ?? 'image/png',
    filename: title,
    storageKey,
    size: bytes.byteLength,
    pages: [],
  });
}
