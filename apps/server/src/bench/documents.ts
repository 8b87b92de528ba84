/**
 * Document retrieval at scale: `searchChunks` (BM25 through FTS5 + brute-force cosine over
 * 384-d embeddings, fused by reciprocal rank) over 10k chunks of one conversation.
 *
 * ARCHITECTURE § 10 budgets the PKB's hybrid search at 100 ms p95 over 100k claims; documents
 * use the same 100 ms p95 budget, over the 10k chunks a conversation with many long documents
 * reaches (e.g. 20 books of 500 chunks). Rows are seeded with raw SQL; the measured call is the
 * real service function against the real database, with the query embedded by the fake
 * provider over loopback (and, separately, with the embedding given, to show our own share).
 */
import { LlmService, searchChunks, vectorToBlob } from '@margin/api';
import { startFakeOpenAI } from '@margin/api/testing';
import { conversations, documents, openDb, users, workspaces } from '@margin/db';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { embeddingOnlyLlm, normalizedEmbedding, timingRow, zipfText } from './fixtures.js';
import { timeRuns, type ReportRow } from './stats.js';

const CHUNKS = 10_000;
const DOCUMENTS = 20;
const RUNS = 200;

/** Function words first: they are the most frequent in any text (and never searched for). */
const FUNCTION_WORDS =
  'the of and to in a is that for it as with was on by are be this which from at or'.split(' ');
const TOPIC_WORDS = (
  'cell protein membrane energy gene enzyme receptor signal pathway structure process ' +
  'photosynthesis chlorophyll glucose mitochondria ribosome nucleus genome transcription ' +
  'translation kinase phosphate gradient channel transport vesicle cytoskeleton actin myosin ' +
  'microtubule division mitosis meiosis chromosome replication polymerase mutation selection ' +
  'evolution population species habitat climate carbon nitrogen cycle ecosystem predator prey ' +
  'symbiosis bacteria virus immune antibody antigen vaccine inflammation hormone insulin ' +
  'metabolism lipid fatty acid amino'
).split(' ');

/** ~5k words: function words are in every chunk, topic words in many, most words in few. */
const TEXT = zipfText([
  ...FUNCTION_WORDS,
  ...TOPIC_WORDS,
  ...Array.from(
    { length: 5000 - FUNCTION_WORDS.length - TOPIC_WORDS.length },
    (_, i) => `w${i.toString(36)}x`,
  ),
]);

/** Deterministic prose of `words` words. */
function prose(seed: number, words: number): string {
  return `${TEXT.words(seed, words).join(' ')} (section ${seed}).`;
}

const QUERIES = [
  'How does chlorophyll capture energy for photosynthesis?',
  'What role does the ribosome play in translation?',
  'Explain the kinase signal pathway and phosphate transfer',
  'mitosis versus meiosis chromosome division',
  'How do antibodies recognise an antigen after a vaccine?',
  'insulin hormone glucose metabolism',
  'carbon and nitrogen cycle in an ecosystem',
  'What is selection in evolution of a species population?',
  'membrane channel transport of vesicles',
  'section 4242',
];

export async function benchDocuments(): Promise<ReportRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'margin-bench-docs-'));
  const fake = await startFakeOpenAI();
  const handle = openDb(join(dir, 'bench.db'));
  try {
    const { db, sqlite } = handle;
    const user = db
      .insert(users)
      .values({ email: 'bench@example.com', name: 'Bench', passwordHash: 'x' })
      .returning()
      .get();
    const workspace = db
      .insert(workspaces)
      .values({ userId: user.id, domain: 'assistant', name: 'General', isDefault: true })
      .returning()
      .get();
    const conversation = db
      .insert(conversations)
      .values({ userId: user.id, workspaceId: workspace.id, domain: 'assistant' })
      .returning()
      .get();
    const docIds = Array.from({ length: DOCUMENTS }, (_, i) => {
      const row = db
        .insert(documents)
        .values({
          conversationId: conversation.id,
          userId: user.id,
          ordinal: i + 1,
          kind: 'pdf',
          title: `Book ${i + 1}`,
          filename: `book-${i + 1}.pdf`,
          mimeType: 'application/pdf',
          size: 1,
          sha256: String(i),
          storageKey: randomUUID(),
          status: 'ready',
          chunkCount: CHUNKS / DOCUMENTS,
          tokenCount: (CHUNKS / DOCUMENTS) * 400,
        })
        .returning()
        .get();
      return row.id;
    });
    const insertChunk = sqlite.prepare(
      `insert into document_chunks (document_id, conversation_id, position, page_start, page_end,
         char_start, char_end, token_count, text, embedding)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < CHUNKS; i++) {
        const position = Math.floor(i / DOCUMENTS);
        const text = prose(i, 280);
        const vector = normalizedEmbedding(text);
        insertChunk.run(
          docIds[i % DOCUMENTS],
          conversation.id,
          position,
          position + 1,
          position + 1,
          position * 2000,
          position * 2000 + text.length,
          400,
          text,
          vectorToBlob(vector),
        );
      }
    })();
    sqlite.pragma('optimize');

    const llm = new LlmService({
      config: embeddingOnlyLlm(fake.url),
      logger: pino({ level: 'silent' }),
    });
    const embedded = QUERIES.map(normalizedEmbedding);
    let i = 0;
    const run = (withEmbedding: boolean) => async () => {
      const k = i++ % QUERIES.length;
      const hits = await searchChunks({
        db,
        llm,
        conversationId: conversation.id,
        query: QUERIES[k] ?? '',
        limit: 24,
        queryEmbedding: withEmbedding ? embedded[k] : undefined,
      });
      if (hits.length === 0) throw new Error('bench data: every query should find chunks');
      const lexical = hits.some((h) => h.scores.bm25Rank !== undefined);
      const semantic = hits.some((h) => h.scores.vectorRank !== undefined);
      if (!lexical || !semantic) throw new Error('bench data: both signals should find chunks');
    };
    const full = await timeRuns(run(false), RUNS);
    const local = await timeRuns(run(true), RUNS);
    // A document changed: the next search re-reads and decodes every embedding once.
    const touch = sqlite.prepare('update documents set updated_at = updated_at + 1 where id = ?');
    const cold = await timeRuns(
      () => {
        touch.run(docIds[0]);
        return run(true)();
      },
      20,
      2,
    );
    return [
      timingRow({
        what: `Document retrieval \`searchChunks\`, hybrid (BM25 + cosine, 384-d) over ${CHUNKS / 1000}k chunks in one conversation, query embedded by the fake provider (p50 / p95)`,
        sample: full,
        budgetMs: 100,
        note: 'the PKB hybrid budget, applied to documents',
      }),
      timingRow({
        what: `Document retrieval, same, query embedding given (Margin's own work only) (p50 / p95)`,
        sample: local,
        budgetMs: 100,
      }),
      timingRow({
        what: 'Document retrieval, first search after a document changed (all 10k embeddings re-read and decoded once) (p50 / p95)',
        sample: cold,
      }),
    ];
  } finally {
    handle.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
