import { asc, sectionStates } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

async function world() {
  const ada = await signUp(h, 'ada@example.com');
  const bob = await signUp(h, 'bob@example.com');
  return { ada, bob, convId: insertConversation(h, ada.user.id).id };
}

const stored = () =>
  h.services.db
    .select()
    .from(sectionStates)
    .orderBy(asc(sectionStates.sectionId))
    .all()
    .map((r) => [r.conversationId, r.sectionId, r.hidden]);

describe('sections', () => {
  it('upserts states and reads them back; unknown ids read as visible', async () => {
    const { ada, convId } = await world();
    const api = ada.client.api;
    expect(
      await api.sections.update({
        conversationId: convId,
        states: { 'sec-1': true, sec_2: false },
      }),
    ).toEqual({ updated: 2 });
    expect(stored()).toEqual([
      [convId, 'sec-1', true],
      [convId, 'sec_2', false],
    ]);
    await api.sections.update({ conversationId: convId, states: { 'sec-1': false, S3: true } });
    expect(stored()).toEqual([
      [convId, 'S3', true],
      [convId, 'sec-1', false],
      [convId, 'sec_2', false],
    ]);
    expect(
      await api.sections.get({ conversationId: convId, sectionIds: ['S3', 'sec-1', 'never'] }),
    ).toEqual({ S3: { hidden: true }, 'sec-1': { hidden: false }, never: { hidden: false } });
    expect(await api.sections.get({ conversationId: convId, sectionIds: [] })).toEqual({});
  });

  it('keeps states per conversation', async () => {
    const { ada, convId } = await world();
    const other = insertConversation(h, ada.user.id).id;
    const api = ada.client.api;
    await api.sections.update({ conversationId: convId, states: { a: true } });
    expect(await api.sections.get({ conversationId: other, sectionIds: ['a'] })).toEqual({
      a: { hidden: false },
    });
  });

  it('accepts 500 ids in one call', async () => {
    const { ada, convId } = await world();
    const states = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`s${i}`, i % 2 === 0]),
    );
    expect(await ada.client.api.sections.update({ conversationId: convId, states })).toEqual({
      updated: 500,
    });
    const read = await ada.client.api.sections.get({
      conversationId: convId,
      sectionIds: Object.keys(states),
    });
    expect(Object.values(read).filter((s) => s.hidden)).toHaveLength(250);
  });

  it("another user's or a missing conversation is NOT_FOUND, and nothing is written", async () => {
    const { ada, bob, convId } = await world();
    await ada.client.api.sections.update({ conversationId: convId, states: { a: true } });
    const before = stored();
    const theirs = await expectTrpcCode(
      bob.client.api.sections.update({ conversationId: convId, states: { a: false } }),
      'NOT_FOUND',
    );
    const missing = await expectTrpcCode(
      bob.client.api.sections.update({ conversationId: 'missing', states: { a: false } }),
      'NOT_FOUND',
    );
    expect(theirs.message).toBe(missing.message);
    await expectTrpcCode(
      bob.client.api.sections.get({ conversationId: convId, sectionIds: ['a'] }),
      'NOT_FOUND',
    );
    expect(stored()).toEqual(before);
  });

  it('refuses anonymous callers', async () => {
    const { convId } = await world();
    const anon = h.client().api;
    await expectTrpcCode(
      anon.sections.get({ conversationId: convId, sectionIds: ['a'] }),
      'UNAUTHORIZED',
    );
    await expectTrpcCode(
      anon.sections.update({ conversationId: convId, states: { a: true } }),
      'UNAUTHORIZED',
    );
    expect(stored()).toEqual([]);
  });

  const tooMany = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`s${i}`, true]));
  it.each([
    ['no states', { states: {} }],
    ['an id with a space', { states: { 'bad id': true } }],
    ['an id with a slash', { states: { 'a/b': true } }],
    ['a 129-character id', { states: { ['x'.repeat(129)]: true } }],
    ['__proto__', { states: JSON.parse('{"__proto__": true}') as unknown }],
    ['a non-boolean state', { states: { a: 'yes' } }],
    ['states of the wrong type', { states: ['a'] }],
    ['501 ids', { states: tooMany }],
    ['an empty conversation id', { conversationId: '', states: { a: true } }],
  ])('update with %s → BAD_REQUEST, nothing written', async (_label, patch) => {
    const { ada, convId } = await world();
    const input = { conversationId: convId, ...patch } as never;
    await expectTrpcCode(ada.client.api.sections.update(input), 'BAD_REQUEST');
    expect(stored()).toEqual([]);
  });

  it.each([
    ['an empty id', ['']],
    ['an id with a dot', ['a.b']],
    ['501 ids', Array.from({ length: 501 }, (_, i) => `s${i}`)],
    ['ids of the wrong type', [1, 2]],
  ])('get with %s → BAD_REQUEST', async (_label, sectionIds) => {
    const { ada, convId } = await world();
    const input = { conversationId: convId, sectionIds } as never;
    await expectTrpcCode(ada.client.api.sections.get(input), 'BAD_REQUEST');
  });
});
