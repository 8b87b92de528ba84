import { userProfiles } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { signUp } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

const rows = () => h.services.db.select().from(userProfiles).all();

describe('users profile', () => {
  it('reads empty texts without creating a row', async () => {
    const { client } = await signUp(h, 'ada@example.com');
    expect(await client.api.users.getProfile()).toEqual({
      memory: '',
      preferences: '',
      updatedAt: null,
    });
    expect(rows()).toEqual([]);
  });

  it('upserts each field independently', async () => {
    const { client, user } = await signUp(h, 'ada@example.com');
    const api = client.api;
    const first = await api.users.updateProfile({ memory: 'I am a PhD student in biology.' });
    expect(first).toMatchObject({ memory: 'I am a PhD student in biology.', preferences: '' });
    expect(first.updatedAt).toBeInstanceOf(Date);
    await api.users.updateProfile({ preferences: 'Short answers, metric units.' });
    expect(await api.users.getProfile()).toMatchObject({
      memory: 'I am a PhD student in biology.',
      preferences: 'Short answers, metric units.',
    });
    await api.users.updateProfile({ memory: '' });
    expect(rows()).toMatchObject([
      { userId: user.id, memory: '', preferences: 'Short answers, metric units.' },
    ]);
  });

  it('keeps profiles per user', async () => {
    const ada = await signUp(h, 'ada@example.com');
    const bob = await signUp(h, 'bob@example.com');
    await ada.client.api.users.updateProfile({ memory: 'Ada', preferences: 'Ada prefs' });
    expect(await bob.client.api.users.getProfile()).toMatchObject({ memory: '', preferences: '' });
    await bob.client.api.users.updateProfile({ memory: 'Bob' });
    expect(await ada.client.api.users.getProfile()).toMatchObject({
      memory: 'Ada',
      preferences: 'Ada prefs',
    });
    expect(rows()).toHaveLength(2);
  });

  it('accepts exactly 20,000 characters', async () => {
    const { client } = await signUp(h, 'ada@example.com');
    const text = 'x'.repeat(20_000);
    const profile = await client.api.users.updateProfile({ memory: text, preferences: text });
    expect(profile.memory).toHaveLength(20_000);
    expect(profile.preferences).toHaveLength(20_000);
  });

  it.each([
    ['memory over 20,000 characters', { memory: 'x'.repeat(20_001) }],
    ['preferences over 20,000 characters', { memory: 'ok', preferences: 'x'.repeat(20_001) }],
    ['no field', {}],
    ['memory of the wrong type', { memory: 42 }],
    ['preferences null', { preferences: null }],
  ])('refuses %s with BAD_REQUEST and writes nothing', async (_label, input) => {
    const { client } = await signUp(h, 'ada@example.com');
    await client.api.users.updateProfile({ memory: 'before' });
    const before = rows();
    await expectTrpcCode(client.api.users.updateProfile(input as never), 'BAD_REQUEST');
    expect(rows()).toEqual(before);
  });

  it('refuses anonymous callers', async () => {
    await signUp(h, 'ada@example.com');
    const anon = h.client().api;
    await expectTrpcCode(anon.users.getProfile(), 'UNAUTHORIZED');
    await expectTrpcCode(anon.users.updateProfile({ memory: 'x' }), 'UNAUTHORIZED');
    expect(rows()).toEqual([]);
  });
});
