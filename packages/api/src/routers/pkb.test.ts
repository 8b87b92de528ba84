import { PKB_LIMITS, type ClaimInput } from '@margin/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;

beforeEach(async () => {
  h = createTestHarness();
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
});
afterEach(() => h.close());

function count(table: string, where = '1 = 1', ...params: unknown[]): number {
  return (
    h.dbHandle.sqlite
      .prepare(`select count(*) as n from ${table} where ${where}`)
      .get(...params) as {
      n: number;
    }
  ).n;
}

function claimRow(id: string) {
  return h.dbHandle.sqlite.prepare('select * from claims where id = ?').get(id) as
    Record<string, unknown> | undefined;
}

const add = (who: SignedIn, input: Partial<ClaimInput> & { statement: string }) =>
  who.client.api.pkb.claims.create({ type: 'fact', ...input });

describe('pkb claims CRUD', () => {
  it('creates a claim with tags and entities, and reads it back', async () => {
    const claim = await add(ada, {
      statement: '  I prefer green tea in the morning ',
      type: 'preference',
      domain: 'health',
      tags: ['Drinks', 'study/Maths'],
      entities: [{ name: 'Green tea', type: 'topic' }],
      confidence: 0.8,
    });
    expect(claim).toMatchObject({
      statement: 'I prefer green tea in the morning',
      type: 'preference',
      domain: 'health',
      status: 'active',
      confidence: 0.8,
      pinned: false,
      source: 'manual',
      tags: ['drinks', 'study/maths'],
      entities: [{ name: 'Green tea', type: 'topic', role: 'mentioned' }],
    });
    expect(await ada.client.api.pkb.claims.get({ id: claim.id })).toEqual(claim);
    const row = claimRow(claim.id);
    expect(row).toMatchObject({
      normalized: 'i prefer green tea in the morning',
      search_text: 'drinks study/maths Green tea',
      embedding: null,
    });
  });

  it('rejects bad input', async () => {
    const api = ada.client.api.pkb.claims;
    await expectTrpcCode(api.create({ statement: '   ', type: 'fact' }), 'BAD_REQUEST');
    await expectTrpcCode(
      api.create({ statement: 'x'.repeat(10_000), type: 'fact' }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(api.create({ statement: 'ok', type: 'opinion' as never }), 'BAD_REQUEST');
    await expectTrpcCode(
      api.create({
        statement: 'ok',
        type: 'fact',
        validFrom: new Date('2024-02-01'),
        validTo: new Date('2024-01-01'),
      }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      api.bulkCreate({
        claims: Array.from({ length: PKB_LIMITS.bulkMax + 1 }, (_, i) => ({
          statement: `fact ${i}`,
          type: 'fact' as const,
        })),
      }),
      'BAD_REQUEST',
    );
    expect(count('claims')).toBe(0);
  });

  it('refuses an exact duplicate (normalised) and writes nothing', async () => {
    await add(ada, { statement: 'I live in Berlin.' });
    const err = await expectTrpcCode(add(ada, { statement: 'i   LIVE in berlin!' }), 'CONFLICT');
    expect(err.message).toContain('"I live in Berlin."');
    expect(count('claims')).toBe(1);
    // Another user may have the same memory.
    await add(bob, { statement: 'I live in Berlin.' });
    expect(count('claims')).toBe(2);
  });

  it('bulk-creates in one go, reporting duplicates of existing claims and within the batch', async () => {
    const existing = await add(ada, { statement: 'I have a cat' });
    const res = await ada.client.api.pkb.claims.bulkCreate({
      claims: [
        { statement: 'I have a dog', type: 'fact' },
        { statement: 'I HAVE A CAT', type: 'fact' },
        { statement: 'I have a dog!', type: 'memory' },
        { statement: 'I ride a bike', type: 'habit' },
      ],
    });
    expect(res.created.map((c) => c.statement)).toEqual(['I have a dog', 'I ride a bike']);
    expect(res.duplicates.map((d) => [d.index, d.existing.id, d.similarity])).toEqual([
      [1, existing.id, 1],
      [2, res.created[0]?.id, 1],
    ]);
    expect(count('claims', 'user_id = ?', ada.user.id)).toBe(3);
  });

  it('updates fields, replaces tags and entities, checks the validity window and duplicates', async () => {
    const a = await add(ada, { statement: 'I work at Acme', tags: ['job'] });
    const b = await add(ada, { statement: 'I like jazz' });
    const updated = await ada.client.api.pkb.claims.update({
      id: a.id,
      statement: 'I work at Globex',
      tags: ['job', 'career/2024'],
      entities: [{ name: 'Globex', type: 'org', role: 'object' }],
      status: 'historical',
      validFrom: new Date('2020-01-01'),
    });
    expect(updated).toMatchObject({
      statement: 'I work at Globex',
      status: 'historical',
      tags: ['career/2024', 'job'],
      entities: [{ name: 'Globex', type: 'org', role: 'object' }],
      validFrom: new Date('2020-01-01'),
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(a.updatedAt.getTime());
    expect(claimRow(a.id)).toMatchObject({ normalized: 'i work at globex' });
    // The stored start is after this end.
    await expectTrpcCode(
      ada.client.api.pkb.claims.update({ id: a.id, validTo: new Date('2019-01-01') }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      ada.client.api.pkb.claims.update({ id: b.id, statement: 'i work at globex' }),
      'CONFLICT',
    );
    expect((await ada.client.api.pkb.claims.get({ id: b.id })).statement).toBe('I like jazz');
    const retracted = await ada.client.api.pkb.claims.update({ id: b.id, status: 'retracted' });
    expect(retracted.status).toBe('retracted');
  });

  it('keeps other users out of every id-taking procedure', async () => {
    const claim = await add(ada, { statement: 'Secret: I am afraid of moths', tags: ['fears'] });
    const before = claimRow(claim.id);
    const api = bob.client.api.pkb;
    await expectTrpcCode(api.claims.get({ id: claim.id }), 'NOT_FOUND');
    await expectTrpcCode(api.claims.update({ id: claim.id, statement: 'hacked' }), 'NOT_FOUND');
    await expectTrpcCode(api.claims.update({ id: claim.id, status: 'retracted' }), 'NOT_FOUND');
    await expectTrpcCode(api.claims.delete({ id: claim.id }), 'NOT_FOUND');
    await expectTrpcCode(api.claims.pin({ id: claim.id, pinned: true }), 'NOT_FOUND');
    const other = await add(bob, { statement: 'Bob claim' });
    await expectTrpcCode(api.conflicts.create({ claimIds: [claim.id, other.id] }), 'NOT_FOUND');
    const bobConv = insertConversation(h, bob.user.id).id;
    const adaConv = insertConversation(h, ada.user.id).id;
    await expectTrpcCode(
      api.conversationPins.set({ conversationId: bobConv, claimId: claim.id, pinned: true }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      api.conversationPins.set({ conversationId: adaConv, claimId: other.id, pinned: true }),
      'NOT_FOUND',
    );
    await expectTrpcCode(api.conversationPins.list({ conversationId: adaConv }), 'NOT_FOUND');
    await expectTrpcCode(api.conversationPins.clear({ conversationId: adaConv }), 'NOT_FOUND');
    const conflict = await ada.client.api.pkb.conflicts.create({
      claimIds: [claim.id, (await add(ada, { statement: 'I love moths' })).id],
    });
    await expectTrpcCode(
      api.conflicts.resolve({ id: conflict.id, keepClaimIds: [], action: 'keep_all' }),
      'NOT_FOUND',
    );
    expect((await api.claims.list()).items.map((c) => c.id)).toEqual([other.id]);
    expect(await api.search({ query: 'moths', strategy: 'fts' })).toEqual([]);
    expect(await api.tags.list()).toEqual([]);
    expect(claimRow(claim.id)).toMatchObject({
      statement: before?.statement,
      pinned: 0,
    });
    expect(count('conversation_claims')).toBe(0);
    expect(count('conflict_sets', 'status = ?', 'open')).toBe(1);
  });

  it('hard-deletes a claim with its links, FTS row, pins and conflict membership', async () => {
    const conv = insertConversation(h, ada.user.id).id;
    const a = await add(ada, {
      statement: 'I commute by zeppelin',
      tags: ['travel'],
      entities: [{ name: 'Zeppelin', type: 'system' }],
    });
    const b = await add(ada, { statement: 'I never fly' });
    await ada.client.api.pkb.conversationPins.set({
      conversationId: conv,
      claimId: a.id,
      pinned: true,
    });
    await ada.client.api.pkb.conflicts.create({ claimIds: [a.id, b.id], reason: 'flying' });
    expect((await ada.client.api.pkb.search({ query: 'zeppelin', strategy: 'fts' })).length).toBe(
      1,
    );

    expect(await ada.client.api.pkb.claims.delete({ id: a.id })).toEqual({ id: a.id });
    expect(claimRow(a.id)).toBeUndefined();
    for (const table of ['claim_tags', 'claim_entities', 'conversation_claims', 'conflict_members'])
      expect(count(table, 'claim_id = ?', a.id)).toBe(0);
    // The conflict had two members: it goes, and the survivor is no longer contested.
    expect(count('conflict_sets')).toBe(0);
    expect((await ada.client.api.pkb.claims.get({ id: b.id })).status).toBe('active');
    expect(await ada.client.api.pkb.search({ query: 'zeppelin', strategy: 'fts' })).toEqual([]);
    expect(
      h.dbHandle.sqlite
        .prepare(`select count(*) as n from claims_fts where claims_fts match 'zeppelin'`)
        .get(),
    ).toEqual({ n: 0 });
    expect(await ada.client.api.pkb.tags.list()).toEqual([]);
    await expectTrpcCode(ada.client.api.pkb.claims.delete({ id: a.id }), 'NOT_FOUND');
  });
});

describe('pkb lists', () => {
  it('pages with a real total and a keyset cursor, newest change first', async () => {
    const res = await ada.client.api.pkb.claims.bulkCreate({
      claims: Array.from({ length: 7 }, (_, i) => ({
        statement: `Numbered fact ${i}`,
        type: 'fact' as const,
      })),
    });
    await add(bob, { statement: 'Not Ada' });
    const ids = res.created.map((c) => c.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await ada.client.api.pkb.claims.list({ limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    // Same updated_at (one transaction): rowid desc breaks the tie.
    expect(seen).toEqual([...ids].reverse());
    await expectTrpcCode(ada.client.api.pkb.claims.list({ cursor: 'garbage' }), 'BAD_REQUEST');
  });

  it('filters by query, type, domain, status, tag hierarchy, entity and pin', async () => {
    const api = ada.client.api.pkb;
    const maths = await add(ada, {
      statement: 'Studying linear algebra',
      type: 'task',
      domain: 'learning',
      tags: ['study/maths'],
      entities: [{ name: 'Gilbert Strang', type: 'person' }],
    });
    const study = await add(ada, {
      statement: 'Study every evening',
      type: 'habit',
      tags: ['study'],
    });
    await add(ada, {
      statement: 'Student loans are paid',
      type: 'fact',
      domain: 'finance',
      tags: ['studying'],
    });
    const old = await add(ada, { statement: 'I used to study Latin' });
    await api.claims.update({ id: old.id, status: 'retracted' });
    await api.claims.pin({ id: study.id, pinned: true });

    const ids = async (input: Parameters<typeof api.claims.list>[0]) =>
      (await api.claims.list(input)).items.map((c) => c.id).sort();
    expect(await ids({ tag: 'study' })).toEqual([maths.id, study.id].sort());
    expect(await ids({ tag: 'study/maths' })).toEqual([maths.id]);
    expect(await ids({ type: 'habit' })).toEqual([study.id]);
    expect(await ids({ domain: 'learning' })).toEqual([maths.id]);
    expect(await ids({ entity: 'gilbert strang' })).toEqual([maths.id]);
    expect(await ids({ pinned: true })).toEqual([study.id]);
    expect(await ids({ status: 'retracted' })).toEqual([old.id]);
    expect((await api.claims.list()).total).toBe(3);
    expect(await ids({ query: 'stud' })).toHaveLength(3);
    expect(await ids({ query: 'linear alg' })).toEqual([maths.id]);
    expect(await ids({ query: '"**"' })).toEqual([]);

    expect(await api.tags.list()).toEqual([
      { name: 'study', claimCount: 1 },
      { name: 'study/maths', claimCount: 1 },
      { name: 'studying', claimCount: 1 },
    ]);
    expect(await api.entities.list()).toEqual([
      { name: 'Gilbert Strang', type: 'person', claimCount: 1 },
    ]);
  });

  it('pins globally and per conversation', async () => {
    const api = ada.client.api.pkb;
    const conv = insertConversation(h, ada.user.id).id;
    const a = await add(ada, { statement: 'Pinned one' });
    const b = await add(ada, { statement: 'Pinned two' });
    const c = await add(ada, { statement: 'Pinned but retracted' });
    for (const x of [a, b, c]) await api.claims.pin({ id: x.id, pinned: true });
    await api.claims.update({ id: c.id, status: 'retracted' });
    expect((await api.pinned()).map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await api.claims.pin({ id: b.id, pinned: false })).pinned).toBe(false);
    expect((await api.pinned()).map((x) => x.id)).toEqual([a.id]);

    expect(
      (await api.conversationPins.set({ conversationId: conv, claimId: a.id, pinned: true })).map(
        (x) => x.id,
      ),
    ).toEqual([a.id]);
    await api.conversationPins.set({ conversationId: conv, claimId: b.id, pinned: true });
    expect((await api.conversationPins.list({ conversationId: conv })).map((x) => x.id)).toEqual([
      a.id,
      b.id,
    ]);
    await api.conversationPins.set({ conversationId: conv, claimId: a.id, pinned: false });
    expect((await api.conversationPins.list({ conversationId: conv })).map((x) => x.id)).toEqual([
      b.id,
    ]);
    // An exclusion (helper B's feature) survives `clear`.
    h.dbHandle.sqlite
      .prepare(
        `insert into conversation_claims (conversation_id, claim_id, user_id, mode, created_at) values (?, ?, ?, 'excluded', 0)`,
      )
      .run(conv, c.id, ada.user.id);
    expect(await api.conversationPins.clear({ conversationId: conv })).toEqual({ cleared: 1 });
    expect(await api.conversationPins.list({ conversationId: conv })).toEqual([]);
    expect(count('conversation_claims', "mode = 'excluded'")).toBe(1);
    await expectTrpcCode(
      api.conversationPins.list({ conversationId: 'no-such-conversation' }),
      'NOT_FOUND',
    );
  });
});
