import type { ClaimInput } from '@margin/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchClaims } from '../services/pkb/search.js';
import { findSimilarClaims } from '../services/pkb/similarity.js';
import { PKB_THRESHOLDS } from '../services/pkb/claims.js';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { signUp, type SignedIn } from '../testing/fixtures.js';

let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;

async function setUp(overrides: Parameters<typeof createTestHarness>[0] = {}) {
  h = createTestHarness(overrides);
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
}

const add = (who: SignedIn, input: Partial<ClaimInput> & { statement: string }) =>
  who.client.api.pkb.claims.create({ type: 'fact', ...input });

function embeddingOf(id: string): Float32Array | null {
  const row = h.dbHandle.sqlite.prepare('select embedding from claims where id = ?').get(id) as {
    embedding: Buffer | null;
  };
  if (!row.embedding) return null;
  return new Float32Array(new Uint8Array(row.embedding).buffer);
}

/** A unit vector at cosine `c` from e0, in the e0/e`axis` plane (so distinct axes are far apart). */
function at(c: number, axis = 1): number[] {
  const v = new Array<number>(384).fill(0);
  v[0] = c;
  v[axis] = Math.sqrt(1 - c * c);
  return v;
}
const e0 = at(1);

describe('pkb search without a model provider', () => {
  beforeEach(() => setUp());
  afterEach(() => h.close());

  it('survives FTS syntax in queries: hyphens, quotes, NEAR, *, AND/OR/NOT', async () => {
    const api = ada.client.api.pkb;
    const opus = await add(ada, { statement: 'I use claude-opus for code review' });
    const near = await add(ada, { statement: 'I live NEAR the station, AND I walk' });
    const search = async (query: string) =>
      (await api.search({ query, strategy: 'fts' })).map((r) => r.claim.id);
    expect(await search('claude-opus')).toEqual([opus.id]);
    expect(await search('"claude')).toEqual([opus.id]);
    expect(await search('NEAR(station walk)')).toContain(near.id);
    expect(await search('station AND')).toEqual([near.id]);
    expect(await search('NOT station')).toEqual([near.id]);
    expect(await search('OR')).toEqual([]);
    expect(await search('*')).toEqual([]);
    expect(await search('"')).toEqual([]);
    expect(await search('review*')).toEqual([opus.id]);
    await expectTrpcCode(api.search({ query: '   ' }), 'BAD_REQUEST');
  });

  it('searches words that document questions skip: "like", "documents", "explain"', async () => {
    const api = ada.client.api.pkb;
    const tea = await add(ada, { statement: 'I like green tea' });
    const papers = await add(ada, { statement: 'I keep my tax documents in the blue folder' });
    await add(ada, { statement: 'I drink coffee at work' });
    const search = async (query: string) =>
      (await api.search({ query, strategy: 'fts' })).map((r) => r.claim.id);
    expect(await search('what do I like')).toEqual([tea.id]);
    expect(await search('where are my documents')).toEqual([papers.id]);
    // Only function words left: all of them, as a phrase, as before.
    expect(await search('the')).toEqual([papers.id]);
  });

  it('ranks by BM25 with why and a 0–1 score; hybrid falls back to FTS; embedding needs a model', async () => {
    const api = ada.client.api.pkb;
    const a = await add(ada, { statement: 'Tea tea tea: I drink tea all day' });
    const b = await add(ada, { statement: 'I sometimes drink tea' });
    await add(ada, { statement: 'Coffee is bitter' });
    const fts = await api.search({ query: 'tea', strategy: 'fts' });
    expect(fts.map((r) => r.claim.id)).toEqual([a.id, b.id]);
    expect(fts[0]?.why.fts?.rank).toBe(1);
    expect(fts[0]?.why.embedding).toBeUndefined();
    for (const r of fts) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThan(1);
      expect(r.why.fts?.bm25).toBeLessThan(0);
    }
    expect(fts[0]?.score).toBeGreaterThan(fts[1]?.score ?? 1);
    const hybrid = await api.search({ query: 'tea' });
    expect(hybrid.map((r) => r.claim.id)).toEqual([a.id, b.id]);
    expect(hybrid[0]?.why).toEqual({ fts: fts[0]?.why.fts, rrf: 1 / 61 });
    expect(hybrid[0]?.score).toBeCloseTo(1 / 61);
    const err = await expectTrpcCode(
      api.search({ query: 'tea', strategy: 'embedding' }),
      'PRECONDITION_FAILED',
    );
    expect(err.message).toMatch(/embedding model/);
    expect(await bob.client.api.pkb.search({ query: 'tea' })).toEqual([]);
  });

  it('filters by type, domain, status, tag hierarchy, entity and validity; never retracted by default', async () => {
    const api = ada.client.api.pkb;
    const now = await add(ada, {
      statement: 'Piano lessons on Mondays',
      type: 'habit',
      domain: 'learning',
      tags: ['music/piano'],
      entities: [{ name: 'Mrs Lee', type: 'person' }],
      validFrom: new Date('2024-01-01'),
    });
    const past = await add(ada, {
      statement: 'Piano lessons on Tuesdays',
      type: 'habit',
      domain: 'learning',
      tags: ['music'],
      validFrom: new Date('2020-01-01'),
      validTo: new Date('2023-12-31'),
    });
    const fact = await add(ada, { statement: 'My piano is a Yamaha', domain: 'personal' });
    const gone = await add(ada, { statement: 'Piano tuning is due' });
    await api.claims.update({ id: gone.id, status: 'retracted' });
    const ids = async (filters: Parameters<typeof api.search>[0]['filters']) =>
      (await api.search({ query: 'piano', strategy: 'fts', filters }))
        .map((r) => r.claim.id)
        .sort();
    expect(await ids(undefined)).toEqual([now.id, past.id, fact.id].sort());
    expect(await ids({ statuses: ['retracted'] })).toEqual([gone.id]);
    expect(await ids({ types: ['habit'] })).toEqual([now.id, past.id].sort());
    expect(await ids({ domains: ['personal'] })).toEqual([fact.id]);
    expect(await ids({ tag: 'music' })).toEqual([now.id, past.id].sort());
    expect(await ids({ tag: 'music/piano' })).toEqual([now.id]);
    expect(await ids({ tag: 'mus' })).toEqual([]);
    expect(await ids({ entity: 'mrs lee' })).toEqual([now.id]);
    expect(await ids({ validAt: new Date('2022-06-01') })).toEqual([past.id, fact.id].sort());
    expect(await ids({ validAt: new Date('2025-06-01') })).toEqual([now.id, fact.id].sort());
    // Tag and entity names are searchable text too.
    expect((await api.search({ query: 'Lee', strategy: 'fts' })).map((r) => r.claim.id)).toEqual([
      now.id,
    ]);
  });

  it('takes excluded ids and allowed statuses (for chat context)', async () => {
    const a = await add(ada, { statement: 'Garden roses bloom in June' });
    const b = await add(ada, { statement: 'Garden tomatoes need water' });
    await ada.client.api.pkb.claims.update({ id: b.id, status: 'draft' });
    const ids = async (opts: Partial<Parameters<typeof searchClaims>[0]>) =>
      (
        await searchClaims({ services: h.services, userId: ada.user.id, query: 'garden', ...opts })
      ).map((r) => r.claim.id);
    expect(await ids({})).toEqual([a.id]);
    expect(await ids({ allowedStatuses: ['active', 'draft'] })).toHaveLength(2);
    expect(await ids({ allowedStatuses: ['active', 'draft'], excludeIds: [a.id] })).toEqual([b.id]);
  });

  it('finds similar claims lexically without embeddings', async () => {
    const a = await add(ada, { statement: 'I live in Paris' });
    await add(ada, { statement: 'Paris has museums' });
    const gone = await add(ada, { statement: 'I live in Rome' });
    await ada.client.api.pkb.claims.update({ id: gone.id, status: 'retracted' });
    const [same, close, none] = await findSimilarClaims({
      services: h.services,
      userId: ada.user.id,
      statements: ['i live in PARIS!', 'I live in Lyon', 'Quantum chromodynamics'],
    });
    expect(same).toMatchObject({ claim: { id: a.id }, similarity: 1, method: 'lexical' });
    expect(close).toMatchObject({ claim: { id: a.id }, method: 'lexical' });
    expect(close?.similarity).toBeCloseTo(0.75);
    expect(none).toBeNull();
    const excluded = await findSimilarClaims({
      services: h.services,
      userId: ada.user.id,
      statements: ['I live in Paris'],
      excludeIds: [a.id],
    });
    expect(excluded[0]?.claim.id).not.toBe(a.id);
  });
});

describe('pkb with an embedding model', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await setUp({
      llm: {
        ...fakeLlmConfig(fake.url),
        roles: { ...fakeLlmConfig(fake.url).roles, fast: undefined },
      },
    });
  });
  afterEach(() => h.close());

  const embedRequests = () => fake.requests.filter((r) => r.path === '/v1/embeddings');

  it('embeds at write time in one batched request, and re-embeds an edited statement', async () => {
    const res = await ada.client.api.pkb.claims.bulkCreate({
      claims: [
        { statement: 'I keep bees', type: 'fact' },
        { statement: 'Honey is sweet', type: 'fact' },
      ],
    });
    expect(embedRequests()).toHaveLength(1);
    expect((embedRequests()[0]?.body as { input: string[] }).input).toEqual([
      'I keep bees',
      'Honey is sweet',
    ]);
    const id = res.created[0]?.id ?? '';
    const first = embeddingOf(id);
    expect(first?.length).toBe(384);
    expect(Array.from(first ?? []).slice(0, 8)).toEqual(
      fakeEmbedding('I keep bees')
        .slice(0, 8)
        .map((x) => Math.fround(x)),
    );
    await ada.client.api.pkb.claims.update({ id, statement: 'I keep wasps' });
    expect(Array.from(embeddingOf(id) ?? []).slice(0, 8)).toEqual(
      fakeEmbedding('I keep wasps')
        .slice(0, 8)
        .map((x) => Math.fround(x)),
    );
  });

  it('treats cosine at or above the threshold as a duplicate, below it as new', async () => {
    expect(PKB_THRESHOLDS.DUPLICATE_COSINE).toBe(0.92);
    fake.setEmbedding('I live in Berlin', e0);
    fake.setEmbedding('Berlin is where I live', at(0.93));
    fake.setEmbedding('I live near Berlin', at(0.91, 2));
    const base = await add(ada, { statement: 'I live in Berlin' });
    const err = await expectTrpcCode(add(ada, { statement: 'Berlin is where I live' }), 'CONFLICT');
    expect(err.message).toContain('"I live in Berlin"');
    const near = await add(ada, { statement: 'I live near Berlin' });
    expect(near.status).toBe('active');

    // Bulk: reported, not thrown; within-batch too.
    fake.setEmbedding('Berlin: my home', at(0.95, 3));
    fake.setEmbedding('Home is Berlin', at(0.95, 3));
    const bulk = await ada.client.api.pkb.claims.bulkCreate({
      claims: [
        { statement: 'Berlin: my home', type: 'fact' },
        { statement: 'Something unrelated entirely', type: 'fact' },
      ],
    });
    expect(bulk.created.map((c) => c.statement)).toEqual(['Something unrelated entirely']);
    expect(bulk.duplicates).toHaveLength(1);
    expect(bulk.duplicates[0]?.index).toBe(0);
    expect(bulk.duplicates[0]?.existing.id).toBe(base.id);
    expect(bulk.duplicates[0]?.similarity).toBeCloseTo(0.95, 5);

    const similar = await findSimilarClaims({
      services: h.services,
      userId: ada.user.id,
      statements: ['Home is Berlin'],
    });
    expect(similar[0]).toMatchObject({ claim: { id: base.id }, method: 'cosine' });
    expect(similar[0]?.similarity).toBeCloseTo(0.95, 5);
    // Bob has nothing similar.
    expect(
      await findSimilarClaims({
        services: h.services,
        userId: bob.user.id,
        statements: ['Home is Berlin'],
      }),
    ).toEqual([null]);
  });

  it('finds a bulk item that repeats an earlier item of the same batch by meaning', async () => {
    const unit = (parts: [number, number][]) => {
      const v = new Array<number>(384).fill(0);
      for (const [axis, x] of parts) v[axis] = x;
      return v;
    };
    fake.setEmbedding('Plan A for the exam', unit([[7, 1]]));
    fake.setEmbedding(
      'Plan A, said again',
      unit([
        [7, 0.95],
        [8, Math.sqrt(1 - 0.95 ** 2)],
      ]),
    );
    fake.setEmbedding(
      'Plan B for the exam',
      unit([
        [7, 0.9],
        [9, Math.sqrt(1 - 0.9 ** 2)],
      ]),
    );
    const bulk = await ada.client.api.pkb.claims.bulkCreate({
      claims: [
        { statement: 'Plan A for the exam', type: 'decision' },
        { statement: 'Plan A, said again', type: 'decision' },
        { statement: 'Plan B for the exam', type: 'decision' },
      ],
    });
    // 0.95 ≥ 0.92: the second repeats the first; 0.90 is below the threshold: a new memory.
    expect(bulk.created.map((c) => c.statement)).toEqual([
      'Plan A for the exam',
      'Plan B for the exam',
    ]);
    expect(bulk.duplicates.map((d) => [d.index, d.existing.id])).toEqual([
      [1, bulk.created[0]?.id],
    ]);
    expect(bulk.duplicates[0]?.similarity).toBeCloseTo(0.95, 5);
  });

  it('searches hybrid with both signals and by meaning alone', async () => {
    fake.setEmbedding('I adore felines', at(0.9));
    fake.setEmbedding('cats', e0);
    fake.setEmbedding('My cats are called Tom and Jerry', at(0.5));
    fake.setEmbedding('Dogs bark', at(0.1));
    const felines = await add(ada, { statement: 'I adore felines' });
    const cats = await add(ada, { statement: 'My cats are called Tom and Jerry' });
    await add(ada, { statement: 'Dogs bark' });
    const meaning = await ada.client.api.pkb.search({ query: 'cats', strategy: 'embedding', k: 2 });
    expect(meaning.map((r) => r.claim.id)).toEqual([felines.id, cats.id]);
    expect(meaning[0]?.score).toBeCloseTo(0.9, 5);
    expect(meaning[0]?.why.fts).toBeUndefined();
    const hybrid = await ada.client.api.pkb.search({ query: 'cats', k: 3 });
    const catsHit = hybrid.find((r) => r.claim.id === cats.id);
    expect(catsHit?.why.fts?.rank).toBe(1);
    expect(catsHit?.why.embedding?.rank).toBe(2);
    expect(catsHit?.score).toBeCloseTo(1 / 61 + 1 / 62);
    expect(hybrid[0]?.claim.id).toBe(cats.id);
  });

  it('saves a claim without embedding when the provider fails, and embeds it at the next search', async () => {
    for (let i = 0; i < 3; i++) fake.failNext('embeddings', { status: 500 });
    const claim = await add(ada, { statement: 'I collect stamps' });
    expect(embeddingOf(claim.id)).toBeNull();
    const hits = await ada.client.api.pkb.search({ query: 'stamps' });
    expect(hits.map((r) => r.claim.id)).toEqual([claim.id]);
    expect(embeddingOf(claim.id)?.length).toBe(384);
    const again = await ada.client.api.pkb.search({ query: 'stamps' });
    expect(again[0]?.why.embedding?.rank).toBe(1);
  });
});
