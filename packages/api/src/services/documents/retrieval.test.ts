import { documents, eq } from '@margin/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertDocumentFixture } from '../../testing/documents.js';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '../../testing/fake-openai.js';
import { insertConversation, signUp, type SignedIn } from '../../testing/fixtures.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../../testing/harness.js';
import {
  buildEmbeddingMatrix,
  rankByCosine,
  retrievalFtsQuery,
  retrievalTerms,
  RRF_K,
  searchChunks,
  selectiveFtsQuery,
} from './retrieval.js';
import { vectorToBlob } from './embeddings.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let conversationId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

const PAGES = [
  'Photosynthesis converts light energy into chemical energy stored in glucose.',
  'The Calvin cycle fixes carbon dioxide using ATP and NADPH from the light reactions.',
  'State of the art microscopes reveal thylakoid membranes stacked into grana.',
  'Chlorophyll absorbs mostly blue and red light and reflects green.',
];

const search = (query: string, extra: { documentIds?: string[]; limit?: number } = {}) =>
  searchChunks({
    db: h.services.db,
    llm: h.services.llm,
    conversationId,
    query,
    limit: extra.limit ?? 5,
    documentIds: extra.documentIds,
  });

describe('retrievalFtsQuery', () => {
  it.each([
    ['What is the Calvin cycle?', '"Calvin"* OR "cycle"*'],
    ['state-of-the-art', '"state-of-the-art"*'],
    ['#doc_2 summarise #doc_all please', '"summarise"*'],
    ['say "hi" NEAR(x) AND y', '"hi" OR "NEAR(x"*'],
    ['ATP ATP atp', '"ATP"'],
  ])('%j → %s', (query, expected) => {
    expect(retrievalFtsQuery(query)).toBe(expected);
  });

  it.each(['', '   ', 'the of and', '#doc_3', '- ( ) :'])('%j → null', (query) => {
    expect(retrievalFtsQuery(query)).toBeNull();
  });
});

describe('selectiveFtsQuery', () => {
  it('drops terms in more than half the chunks, and terms in none, rarest first', () => {
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      pages: ['cell energy alpha', 'cell energy beta', 'cell gamma', 'cell délta'],
    });
    const q = (text: string) => selectiveFtsQuery(h.services.db, retrievalTerms(text));
    expect(q('cell energy beta')).toBe('"beta"* OR "energy"*');
    expect(q('cell')).toBe('"cell"*');
    expect(q('DELTA')).toBe('"DELTA"*');
    expect(q('nowhere')).toBeNull();
    expect(q('cells energetic')).toBeNull();
    expect(q('')).toBeNull();
  });
});

describe('rankByCosine', () => {
  const row = (rowid: number, documentId: string, v: number[]) => ({
    rowid,
    documentId,
    embedding: vectorToBlob(Float32Array.from(v)),
  });
  const matrix = buildEmbeddingMatrix([
    row(1, 'a', [1, 0, 0]),
    row(2, 'b', [0.8, 0.6, 0]),
    row(3, 'a', [0, 0, 2]),
    row(4, 'a', [1, 0]),
    row(5, 'b', [0, 0, 0]),
    row(6, 'b', [-1, 0, 0]),
  ]);

  it('decodes into one unit-row matrix, skipping other dimensions and zero vectors', () => {
    expect(matrix).toMatchObject({ dim: 3, count: 4, documentIds: ['a', 'b'] });
    expect(Array.from(matrix.rowids.subarray(0, 4))).toEqual([1, 2, 3, 6]);
    expect(Array.from(matrix.vectors.subarray(6, 9))).toEqual([0, 0, 1]);
  });

  it('ranks by cosine, keeps the top `limit`, optionally within some documents', () => {
    const top = rankByCosine(matrix, Float32Array.from([2, 0, 0]), 3);
    expect(top.map((t) => t.rowid)).toEqual([1, 2, 3]);
    expect(top[1]?.cosine).toBeCloseTo(0.8);
    expect(
      rankByCosine(matrix, Float32Array.from([2, 0, 0]), 3, ['b']).map((t) => t.rowid),
    ).toEqual([2, 6]);
    expect(rankByCosine(matrix, Float32Array.from([0, 0, 0]), 3)).toEqual([]);
    expect(rankByCosine(matrix, Float32Array.from([1, 0]), 3)).toEqual([]);
  });
});

describe('searchChunks', () => {
  it('finds the known chunk first by BM25, with page and document facts', async () => {
    const doc = insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      title: 'Plants',
      pages: PAGES,
    });
    const hits = await search('How does the Calvin cycle fix carbon?');
    expect(hits[0]).toMatchObject({
      rowid: doc.chunkRowids[1],
      documentId: doc.id,
      ordinal: 1,
      title: 'Plants',
      pageStart: 2,
      pageEnd: 2,
      text: PAGES[1],
    });
    expect(hits[0]?.scores.bm25Rank).toBe(1);
    expect(hits[0]?.scores.vectorRank).toBeUndefined();
    expect(hits[0]?.scores.fused).toBeCloseTo(1 / (RRF_K + 1));
    // No embeddings stored: the provider is not asked for one.
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(0);
  });

  it('treats hyphens, quotes and FTS syntax as text', async () => {
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: PAGES });
    const hits = await search('state-of-the-art');
    expect(hits[0]?.text).toBe(PAGES[2]);
    for (const q of ['"unbalanced', 'NEAR(a b', 'x AND OR NOT', '-minus', '*', 'col:val', '\u0000'])
      await expect(search(q)).resolves.toBeInstanceOf(Array);
  });

  it('recalls a vector-only match when embeddings exist', async () => {
    const query = 'Which organelle is the powerhouse?';
    const shared = fakeEmbedding('mitochondrion energy');
    fake.setEmbedding(query, shared);
    const doc = insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      embed: true,
      chunks: [
        ...PAGES.map((text, i) => ({ text, pageStart: i + 1 })),
        { text: 'Mitochondria generate most cellular ATP.', pageStart: 5, embedding: shared },
      ],
    });
    const hits = await search(query);
    expect(hits[0]).toMatchObject({ rowid: doc.chunkRowids[4], pageStart: 5 });
    expect(hits[0]?.scores).toMatchObject({ vectorRank: 1 });
    expect(hits[0]?.scores.bm25Rank).toBeUndefined();
    expect(hits[0]?.scores.cosine).toBeCloseTo(1, 5);
  });

  it('sees chunks added, re-indexed or deleted after an earlier search', async () => {
    const query = 'Which organelle is the powerhouse?';
    const shared = fakeEmbedding('mitochondrion energy');
    fake.setEmbedding(query, shared);
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: PAGES, embed: true });
    expect((await search(query))[0]?.scores.cosine).toBeLessThan(0.9);
    const later = insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      chunks: [{ text: 'Mitochondria generate most cellular ATP.', embedding: shared }],
    });
    expect((await search(query))[0]?.documentId).toBe(later.id);
    h.services.db
      .update(documents)
      .set({ status: 'indexing' })
      .where(eq(documents.id, later.id))
      .run();
    expect((await search(query)).map((c) => c.documentId)).not.toContain(later.id);
    h.services.db.delete(documents).where(eq(documents.id, later.id)).run();
    expect((await search(query)).map((c) => c.documentId)).not.toContain(later.id);
  });

  it('fuses both signals: a chunk ranked by both beats one ranked by either', async () => {
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: PAGES, embed: true });
    const hits = await search('chlorophyll light');
    expect(hits[0]?.text).toBe(PAGES[3]);
    expect(hits[0]?.scores.bm25Rank).toBeDefined();
    expect(hits[0]?.scores.vectorRank).toBeDefined();
    expect(hits[0]?.scores.fused).toBeCloseTo(
      1 / (RRF_K + (hits[0]?.scores.bm25Rank ?? 0)) +
        1 / (RRF_K + (hits[0]?.scores.vectorRank ?? 0)),
    );
    for (let i = 1; i < hits.length; i++)
      expect(hits[i]?.scores.fused).toBeLessThanOrEqual(hits[i - 1]?.scores.fused ?? 0);
  });

  it('falls back to BM25 when the embedding provider fails', async () => {
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: PAGES, embed: true });
    fake.failNext('embeddings', { status: 400 });
    const hits = await search('Calvin cycle');
    expect(hits[0]?.text).toBe(PAGES[1]);
    expect(hits[0]?.scores.vectorRank).toBeUndefined();
  });

  it('searches only ready documents of this conversation, and only the chosen ones', async () => {
    const mine = insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: PAGES });
    const other = insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      pages: ['Glucose is also made by the Calvin cycle in other plants.'],
    });
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      status: 'indexing',
      pages: ['Calvin cycle notes still being indexed.'],
    });
    const elsewhere = insertConversation(h, ada.user.id).id;
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId: elsewhere,
      pages: ['Calvin cycle in another conversation.'],
    });
    const all = await search('Calvin cycle', { limit: 10 });
    expect(new Set(all.map((c) => c.documentId))).toEqual(new Set([mine.id, other.id]));
    const only = await search('Calvin cycle', { documentIds: [other.id] });
    expect(only.map((c) => c.documentId)).toEqual([other.id]);
    expect(await search('Calvin cycle', { documentIds: [] })).toEqual([]);
    expect(await search('#doc_1')).toEqual([]);
  });
});
