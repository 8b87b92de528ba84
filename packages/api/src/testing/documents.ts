/**
 * Documents inserted straight into the database for retrieval and chat tests: pages, chunks and
 * (optionally) the embeddings the fake provider would return, as ingestion would store them.
 */
import { documentChunks, documentPages, documents, eq, max, type DocumentRow } from '@margin/db';
import { createHash, randomUUID } from 'node:crypto';
import { countTokens } from '../services/chat/tokens.js';
import { normalize, vectorToBlob } from '../services/documents/embeddings.js';
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
        kind: 'text',
        title,
        filename: `${title}.txt`,
        mimeType: 'text/plain',
        size: pages.join('\n').length,
        sha256: createHash('sha256').update(pages.join('\n')).digest('hex'),
        storageKey: randomUUID(),
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
