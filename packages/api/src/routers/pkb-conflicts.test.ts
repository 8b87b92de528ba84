import type { ClaimInput, PkbExport } from '@margin/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseVerdict } from '../services/pkb/conflicts.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
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

function count(table: string, where = '1 = 1', ...params: unknown[]): number {
  return (
    h.dbHandle.sqlite
      .prepare(`select count(*) as n from ${table} where ${where}`)
      .get(...params) as {
      n: number;
    }
  ).n;
}

function at(c: number, axis = 1): number[] {
  const v = new Array<number>(384).fill(0);
  v[0] = c;
  v[axis] = Math.sqrt(1 - c * c);
  return v;
}

describe('parseVerdict', () => {
  it('reads JSON, fenced JSON and plain yes/no; rejects anything else', () => {
    expect(parseVerdict('{"contradicts": true, "reason": "x"}')).toEqual({
      contradicts: true,
      reason: 'x',
    });
    expect(parseVerdict('```json\n{"contradicts":false}\n```')).toEqual({
      contradicts: false,
      reason: null,
    });
    expect(parseVerdict('Yes, they do.')).toEqual({ contradicts: true, reason: null });
    expect(parseVerdict('no')).toEqual({ contradicts: false, reason: null });
    expect(parseVerdict('Statement A says…')).toBeUndefined();
    expect(parseVerdict('{"contradicts": "maybe"}')).toBeUndefined();
  });
});

describe('pkb conflicts without a model', () => {
  beforeEach(() => setUp());
  afterEach(() => h.close());

  it('flags manually, lists open first, resolves by retracting the others, refuses a second resolve', async () => {
    const api = ada.client.api.pkb;
    const a = await add(ada, { statement: 'I am vegetarian' });
    const b = await add(ada, { statement: 'I eat steak weekly' });
    const c = await add(ada, { statement: 'I eat fish on Fridays' });
    const first = await api.conflicts.create({ claimIds: [a.id, b.id, c.id], reason: 'diet' });
    expect(first).toMatchObject({
      status: 'open',
      origin: 'manual',
      reason: 'diet',
      resolvedAt: null,
    });
    expect(first.claims.map((x) => x.status)).toEqual(['contested', 'contested', 'contested']);
    await expectTrpcCode(api.conflicts.create({ claimIds: [a.id, a.id] }), 'BAD_REQUEST');
    await expectTrpcCode(api.conflicts.create({ claimIds: [a.id] }), 'BAD_REQUEST');

    await expectTrpcCode(
      api.conflicts.resolve({
        id: first.id,
        keepClaimIds: ['not-a-member'],
        action: 'retract_others',
      }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      api.conflicts.resolve({ id: first.id, keepClaimIds: [], action: 'retract_others' }),
      'BAD_REQUEST',
    );
    expect(count('conflict_sets', "status = 'open'")).toBe(1);

    const resolved = await api.conflicts.resolve({
      id: first.id,
      keepClaimIds: [a.id],
      action: 'retract_others',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const status = async (id: string) => (await api.claims.get({ id })).status;
    expect(await status(a.id)).toBe('active');
    expect(await status(b.id)).toBe('retracted');
    expect(await status(c.id)).toBe('retracted');
    await expectTrpcCode(
      api.conflicts.resolve({ id: first.id, keepClaimIds: [], action: 'keep_all' }),
      'CONFLICT',
    );
    await expectTrpcCode(
      api.conflicts.resolve({ id: 'missing', keepClaimIds: [], action: 'keep_all' }),
      'NOT_FOUND',
    );

    const d = await add(ada, { statement: 'I skip breakfast' });
    const second = await api.conflicts.create({ claimIds: [a.id, d.id] });
    const list = await api.conflicts.list();
    expect(list.map((x) => x.id)).toEqual([second.id, first.id]);
    expect(list[1]?.claims.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(await bob.client.api.pkb.conflicts.list()).toEqual([]);
  });

  it('keep_all makes members active, except one still in another open conflict', async () => {
    const api = ada.client.api.pkb;
    const a = await add(ada, { statement: 'Wake at 6' });
    const b = await add(ada, { statement: 'Wake at 9' });
    const c = await add(ada, { statement: 'Wake at noon' });
    const one = await api.conflicts.create({ claimIds: [a.id, b.id] });
    await api.conflicts.create({ claimIds: [b.id, c.id] });
    await api.conflicts.resolve({ id: one.id, keepClaimIds: [], action: 'keep_all' });
    expect((await api.claims.get({ id: a.id })).status).toBe('active');
    expect((await api.claims.get({ id: b.id })).status).toBe('contested');
  });

  it('exports, and imports back with replace to an identical export', async () => {
    const api = ada.client.api.pkb;
    const a = await add(ada, {
      statement: 'I speak French',
      type: 'fact',
      domain: 'learning',
      tags: ['languages/french'],
      entities: [{ name: 'France', type: 'place', role: 'about_person' }],
      confidence: 0.9,
      validFrom: new Date('2010-01-01'),
    });
    const b = await add(ada, { statement: 'I do not speak French', type: 'observation' });
    const c = await add(ada, {
      statement: 'Call mum on Sundays',
      type: 'reminder',
      domain: 'relationships',
    });
    await api.claims.pin({ id: c.id, pinned: true });
    const conflict = await api.conflicts.create({ claimIds: [a.id, b.id], reason: 'French?' });
    await api.conflicts.resolve({
      id: conflict.id,
      keepClaimIds: [a.id],
      action: 'retract_others',
    });
    await api.conflicts.create({ claimIds: [a.id, c.id] });

    const exported = await api.export();
    expect(exported).toMatchObject({ format: 'margin-pkb', version: 1 });
    expect(exported.claims).toHaveLength(3);
    expect(exported.claims[0]).toMatchObject({
      id: a.id,
      tags: ['languages/french'],
      entities: [{ name: 'France', type: 'place', role: 'about_person' }],
      validFrom: new Date('2010-01-01'),
    });
    expect(exported.conflicts).toMatchObject([
      { status: 'resolved', reason: 'French?', claimIds: [a.id, b.id], origin: 'manual' },
      { status: 'open', reason: null, claimIds: [a.id, c.id], origin: 'manual', resolvedAt: null },
    ]);
    expect(exported.conflicts[0]?.resolvedAt).toBeInstanceOf(Date);

    const result = await api.import({ data: exported, mode: 'replace' });
    expect(result).toEqual({ created: 3, skipped: 0, conflicts: 2 });
    const again = await api.export();
    const strip = (e: PkbExport) => ({ ...e, exportedAt: undefined });
    expect(strip(again)).toEqual(strip(exported));
    expect(count('claims', 'user_id = ?', ada.user.id)).toBe(3);
    expect(count('pkb_tags', 'user_id = ?', ada.user.id)).toBe(1);

    // Merge into Bob: Ada holds these ids, so his copies get new ones; conflicts follow.
    await add(bob, { statement: 'i speak french!' });
    const merged = await bob.client.api.pkb.import({ data: exported, mode: 'merge' });
    expect(merged).toEqual({ created: 2, skipped: 1, conflicts: 2 });
    const bobs = await bob.client.api.pkb.export();
    expect(bobs.claims.map((x) => x.id)).not.toContain(b.id);
    expect(bobs.conflicts.map((x) => x.claimIds.length)).toEqual([2, 2]);
    const bobIds = new Set(bobs.claims.map((x) => x.id));
    for (const x of bobs.conflicts) for (const id of x.claimIds) expect(bobIds.has(id)).toBe(true);
    // Ada's rows are untouched.
    expect(strip(await api.export())).toEqual(strip(exported));
  });

  it('rejects an import in another format', async () => {
    await expectTrpcCode(
      ada.client.api.pkb.import({
        data: {
          format: 'other',
          version: 1,
          exportedAt: new Date(),
          claims: [],
          conflicts: [],
        } as never,
      }),
      'BAD_REQUEST',
    );
  });
});

describe('pkb conflict detection with a fast model', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await setUp({ llm: fakeLlmConfig(fake.url) });
    fake.setEmbedding('I live in Berlin', at(1));
    fake.setEmbedding('I live in Munich', at(0.85));
  });
  afterEach(() => h.close());

  it('opens an automatic conflict when the model says the claims contradict', async () => {
    const berlin = await add(ada, { statement: 'I live in Berlin' });
    fake.script({ content: '{"contradicts": true, "reason": "Two different home cities."}' });
    const munich = await add(ada, { statement: 'I live in Munich' });
    expect(munich.status).toBe('contested');
    const [request] = fake.chatRequests();
    expect(request).toMatchObject({ model: 'fake-fast', temperature: 0 });
    const prompt = JSON.stringify(request?.messages);
    expect(prompt).toContain('I live in Berlin');
    expect(prompt).toContain('I live in Munich');
    const [conflict] = await ada.client.api.pkb.conflicts.list();
    expect(conflict).toMatchObject({
      origin: 'auto',
      status: 'open',
      reason: 'Two different home cities.',
    });
    expect(conflict?.claims.map((c) => c.id).sort()).toEqual([berlin.id, munich.id].sort());
    expect((await ada.client.api.pkb.claims.get({ id: berlin.id })).status).toBe('contested');
  });

  it('leaves claims alone when the model says no, answers nonsense, or fails', async () => {
    await add(ada, { statement: 'I live in Berlin' });
    fake.script({ content: '{"contradicts": false, "reason": "Compatible."}' });
    const munich = await add(ada, { statement: 'I live in Munich' });
    expect(munich.status).toBe('active');
    await ada.client.api.pkb.claims.delete({ id: munich.id });
    fake.script({ content: 'I am not sure what you mean.' });
    expect((await add(ada, { statement: 'I live in Munich' })).status).toBe('active');
    expect(count('conflict_sets')).toBe(0);
  });

  it('does not check far or duplicate claims, nor anything without a fast model', async () => {
    await add(ada, { statement: 'I live in Berlin' });
    fake.setEmbedding('Bananas are yellow', at(0.3));
    await add(ada, { statement: 'Bananas are yellow' });
    expect(fake.chatRequests()).toHaveLength(0);
    await h.close();
    await setUp({
      llm: {
        ...fakeLlmConfig(fake.url),
        roles: { ...fakeLlmConfig(fake.url).roles, fast: undefined },
      },
    });
    await add(ada, { statement: 'I live in Berlin' });
    const munich = await add(ada, { statement: 'I live in Munich' });
    expect(munich.status).toBe('active');
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it('embeds imported claims', async () => {
    await add(ada, { statement: 'I live in Berlin' });
    const exported = await ada.client.api.pkb.export();
    await bob.client.api.pkb.import({ data: exported });
    const row = h.dbHandle.sqlite
      .prepare('select embedding from claims where user_id = ?')
      .get(bob.user.id) as { embedding: Buffer | null };
    expect(row.embedding?.byteLength).toBe(384 * 4);
  });
});
