import { asc, eq, prompts, promptVersions } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_PROMPT_SEEDS, seedGlobalPrompts } from '../services/prompts.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { signUp, type SignedIn } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

async function world(): Promise<{ admin: SignedIn; ada: SignedIn; bob: SignedIn }> {
  const admin = await signUp(h, 'admin@example.com');
  const ada = await signUp(h, 'ada@example.com');
  const bob = await signUp(h, 'bob@example.com');
  return { admin, ada, bob };
}

const snapshot = () => ({
  prompts: h.services.db.select().from(prompts).orderBy(asc(prompts.id)).all(),
  versions: h.services.db.select().from(promptVersions).orderBy(asc(promptVersions.id)).all(),
});

const today = () => new Date().toISOString().slice(0, 10);

describe('prompts.create and prompts.get', () => {
  it('creates a personal prompt and reads it composed', async () => {
    const { ada } = await world();
    const api = ada.client.api;
    const created = await api.prompts.create({
      name: 'my_style',
      content: 'Be brief.',
      description: 'How I like answers',
      category: 'style',
      tags: ['short', ' short ', 'style'],
    });
    expect(created).toMatchObject({
      name: 'my_style',
      content: 'Be brief.',
      rawContent: 'Be brief.',
      description: 'How I like answers',
      category: 'style',
      tags: ['short', 'style'],
      version: 1,
      scope: 'personal',
      editable: true,
    });
    await api.prompts.create({ name: 'wrapper', content: 'On {date}: {my_style} {"json": true}' });
    const got = await api.prompts.get({ name: 'wrapper' });
    expect(got.rawContent).toBe('On {date}: {my_style} {"json": true}');
    // `today()` could roll over between the call and the check only at midnight UTC.
    expect(got.content).toBe(`On ${today()}: Be brief. {"json": true}`);
    expect((await api.prompts.get({ name: 'wrapper', compose: false })).content).toBe(
      got.rawContent,
    );
    const row = h.services.db.select().from(prompts).where(eq(prompts.name, 'wrapper')).get();
    expect(row).toMatchObject({ scope: 'personal', ownerId: ada.user.id, version: 1 });
  });

  it('refuses a taken name: own personal, or any global', async () => {
    const { admin, ada } = await world();
    await ada.client.api.prompts.create({ name: 'mine', content: 'x' });
    await admin.client.api.prompts.create({ name: 'shared', content: 'x', scope: 'global' });
    const before = snapshot();
    await expectTrpcCode(ada.client.api.prompts.create({ name: 'mine', content: 'y' }), 'CONFLICT');
    const err = await expectTrpcCode(
      ada.client.api.prompts.create({ name: 'shared', content: 'y' }),
      'CONFLICT',
    );
    expect(err.message).toMatch(/global prompt/);
    await expectTrpcCode(
      admin.client.api.prompts.create({ name: 'shared', content: 'y', scope: 'global' }),
      'CONFLICT',
    );
    expect(snapshot()).toEqual(before);
  });

  it('lets another user reuse a personal name', async () => {
    const { ada, bob } = await world();
    await ada.client.api.prompts.create({ name: 'notes', content: 'Ada' });
    await bob.client.api.prompts.create({ name: 'notes', content: 'Bob' });
    expect((await ada.client.api.prompts.get({ name: 'notes' })).content).toBe('Ada');
    expect((await bob.client.api.prompts.get({ name: 'notes' })).content).toBe('Bob');
  });

  it('only admins create global prompts', async () => {
    const { admin, ada, bob } = await world();
    const before = snapshot();
    const err = await expectTrpcCode(
      ada.client.api.prompts.create({ name: 'g', content: 'x', scope: 'global' }),
      'FORBIDDEN',
    );
    expect(err.message).toMatch(/administrators/);
    expect(snapshot()).toEqual(before);
    const g = await admin.client.api.prompts.create({ name: 'g', content: 'x', scope: 'global' });
    expect(g).toMatchObject({ scope: 'global', editable: true });
    expect(await bob.client.api.prompts.get({ name: 'g' })).toMatchObject({
      scope: 'global',
      editable: false,
      content: 'x',
    });
  });

  it('refuses to create a prompt whose includes form a cycle', async () => {
    const { ada } = await world();
    await ada.client.api.prompts.create({ name: 'a', content: 'A then {b}' });
    const before = snapshot();
    const err = await expectTrpcCode(
      ada.client.api.prompts.create({ name: 'b', content: 'B then {a}' }),
      'BAD_REQUEST',
    );
    expect(err.message).toContain('b → a → b');
    expect(snapshot()).toEqual(before);
    await expectTrpcCode(
      ada.client.api.prompts.create({ name: 'c', content: 'me again {c}' }),
      'BAD_REQUEST',
    );
  });

  it('a personal prompt shadows a global one of the same name, for its owner only', async () => {
    const { admin, ada, bob } = await world();
    await ada.client.api.prompts.create({ name: 'tone', content: 'Ada tone' });
    // The admin may take a name someone already uses personally.
    await admin.client.api.prompts.create({
      name: 'tone',
      content: 'Global tone',
      scope: 'global',
    });
    await admin.client.api.prompts.create({
      name: 'intro',
      content: 'Intro: {tone}',
      scope: 'global',
    });
    expect(await ada.client.api.prompts.get({ name: 'tone' })).toMatchObject({
      content: 'Ada tone',
      scope: 'personal',
    });
    expect((await ada.client.api.prompts.get({ name: 'intro' })).content).toBe('Intro: Ada tone');
    expect((await bob.client.api.prompts.get({ name: 'intro' })).content).toBe(
      'Intro: Global tone',
    );
    expect(await ada.client.api.prompts.get({ name: 'tone', scope: 'global' })).toMatchObject({
      content: 'Global tone',
      scope: 'global',
    });
    const listed = await ada.client.api.prompts.list();
    expect(listed.filter((p) => p.name === 'tone').map((p) => [p.scope, p.shadowed])).toEqual([
      ['personal', false],
      ['global', true],
    ]);
  });

  it('lists own personal prompts and all global ones, never other users’ prompts', async () => {
    const { admin, ada, bob } = await world();
    await ada.client.api.prompts.create({ name: 'ada_only', content: 'x', tags: ['t'] });
    await bob.client.api.prompts.create({ name: 'bob_only', content: 'x' });
    await admin.client.api.prompts.create({ name: 'global_one', content: 'x', scope: 'global' });
    const adaList = await ada.client.api.prompts.list();
    expect(adaList.map((p) => [p.name, p.scope, p.editable])).toEqual([
      ['ada_only', 'personal', true],
      ['global_one', 'global', false],
    ]);
    expect(adaList[0]).toMatchObject({ tags: ['t'], version: 1, description: '', category: '' });
    expect(adaList[0]?.updatedAt).toBeInstanceOf(Date);
    const adminList = await admin.client.api.prompts.list();
    expect(adminList.map((p) => [p.name, p.editable])).toEqual([['global_one', true]]);
  });
});

describe('prompts.update and prompts.versions', () => {
  it('keeps each earlier version and bumps the version number', async () => {
    const { ada } = await world();
    const api = ada.client.api;
    await api.prompts.create({
      name: 'p',
      content: 'v1',
      description: 'd1',
      category: 'c',
      tags: ['a'],
    });
    const v2 = await api.prompts.update({ name: 'p', content: 'v2' });
    // Fields left out keep their value (the original reset them).
    expect(v2).toMatchObject({ content: 'v2', version: 2, description: 'd1', tags: ['a'] });
    await api.prompts.update({ name: 'p', description: 'd3', tags: [] });
    const unchanged = await api.prompts.update({ name: 'p', description: 'd3' });
    expect(unchanged.version).toBe(3);
    const versions = await api.prompts.versions({ name: 'p' });
    expect(versions.map((v) => [v.version, v.content, v.description, v.tags, v.current])).toEqual([
      [3, 'v2', 'd3', [], true],
      [2, 'v2', 'd1', ['a'], false],
      [1, 'v1', 'd1', ['a'], false],
    ]);
    const stored = h.services.db.select().from(promptVersions).all();
    expect(stored.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('refuses an update that would create a cycle, changing nothing', async () => {
    const { ada } = await world();
    const api = ada.client.api;
    await api.prompts.create({ name: 'a', content: 'A {b}' });
    await api.prompts.create({ name: 'b', content: 'B' });
    const before = snapshot();
    const err = await expectTrpcCode(
      api.prompts.update({ name: 'b', content: 'B {a}' }),
      'BAD_REQUEST',
    );
    expect(err.message).toContain('b → a → b');
    expect(snapshot()).toEqual(before);
  });

  it('global prompts are changed by admins only', async () => {
    const { admin, ada } = await world();
    await admin.client.api.prompts.create({ name: 'g', content: 'v1', scope: 'global' });
    const before = snapshot();
    await expectTrpcCode(
      ada.client.api.prompts.update({ name: 'g', content: 'mine' }),
      'FORBIDDEN',
    );
    await expectTrpcCode(ada.client.api.prompts.delete({ name: 'g' }), 'FORBIDDEN');
    expect(snapshot()).toEqual(before);
    expect(await admin.client.api.prompts.update({ name: 'g', content: 'v2' })).toMatchObject({
      version: 2,
      scope: 'global',
    });
    expect((await ada.client.api.prompts.versions({ name: 'g' })).map((v) => v.version)).toEqual([
      2, 1,
    ]);
  });
});

describe('prompts.delete', () => {
  it('deletes the prompt and its history', async () => {
    const { ada } = await world();
    const api = ada.client.api;
    await api.prompts.create({ name: 'p', content: 'v1' });
    await api.prompts.update({ name: 'p', content: 'v2' });
    expect(await api.prompts.delete({ name: 'p' })).toEqual({ ok: true });
    expect(snapshot()).toEqual({ prompts: [], versions: [] });
    await expectTrpcCode(api.prompts.get({ name: 'p' }), 'NOT_FOUND');
  });

  it('deleting a personal prompt uncovers the global one it shadowed', async () => {
    const { admin, ada } = await world();
    await ada.client.api.prompts.create({ name: 'tone', content: 'mine' });
    await admin.client.api.prompts.create({ name: 'tone', content: 'global', scope: 'global' });
    await ada.client.api.prompts.delete({ name: 'tone' });
    expect(await ada.client.api.prompts.get({ name: 'tone' })).toMatchObject({
      content: 'global',
      scope: 'global',
    });
  });

  it('an admin deletes a global prompt', async () => {
    const { admin } = await world();
    await admin.client.api.prompts.create({ name: 'g', content: 'x', scope: 'global' });
    await admin.client.api.prompts.delete({ name: 'g' });
    expect(snapshot().prompts).toEqual([]);
  });
});

describe('visibility and ownership', () => {
  it("another user's personal prompt is NOT_FOUND everywhere, like a missing one", async () => {
    const { ada, bob } = await world();
    await ada.client.api.prompts.create({ name: 'secret', content: 'Ada only' });
    const before = snapshot();
    const api = bob.client.api;
    const calls: (() => Promise<unknown>)[] = [
      () => api.prompts.get({ name: 'secret' }),
      () => api.prompts.update({ name: 'secret', content: 'hacked' }),
      () => api.prompts.delete({ name: 'secret' }),
      () => api.prompts.versions({ name: 'secret' }),
      () => api.prompts.get({ name: 'secret', scope: 'personal' }),
    ];
    for (const call of calls) await expectTrpcCode(call(), 'NOT_FOUND');
    const missing = await expectTrpcCode(api.prompts.get({ name: 'nothing' }), 'NOT_FOUND');
    const theirs = await expectTrpcCode(api.prompts.get({ name: 'secret' }), 'NOT_FOUND');
    expect(theirs.message).toBe(missing.message.replace('nothing', 'secret'));
    // Bob's includes cannot reach Ada's prompt either.
    await api.prompts.create({ name: 'probe', content: 'x {secret} y' });
    expect((await api.prompts.get({ name: 'probe' })).content).toBe('x {secret} y');
    expect(snapshot().prompts).toHaveLength(before.prompts.length + 1);
  });

  it('refuses anonymous callers', async () => {
    await world();
    const anon = h.client().api;
    await expectTrpcCode(anon.prompts.list(), 'UNAUTHORIZED');
    await expectTrpcCode(anon.prompts.get({ name: 'x' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.prompts.create({ name: 'x', content: 'y' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.prompts.update({ name: 'x', content: 'y' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.prompts.delete({ name: 'x' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.prompts.versions({ name: 'x' }), 'UNAUTHORIZED');
    expect(snapshot().prompts).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['an uppercase name', { name: 'Bad', content: 'x' }],
    ['a name with a hyphen', { name: 'bad-name', content: 'x' }],
    ['a name starting with _', { name: '_x', content: 'x' }],
    ['an empty name', { name: '', content: 'x' }],
    ['a 65-character name', { name: 'a'.repeat(65), content: 'x' }],
    ['a reserved name', { name: 'date', content: 'x' }],
    ['empty content', { name: 'ok', content: '' }],
    ['blank content', { name: 'ok', content: '  \n' }],
    ['content over 50,000 characters', { name: 'ok', content: 'x'.repeat(50_001) }],
    ['content of the wrong type', { name: 'ok', content: 7 }],
    ['21 tags', { name: 'ok', content: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['a 41-character tag', { name: 'ok', content: 'x', tags: ['t'.repeat(41)] }],
    ['an empty tag', { name: 'ok', content: 'x', tags: [' '] }],
    ['an unknown scope', { name: 'ok', content: 'x', scope: 'team' }],
    ['a 1001-character description', { name: 'ok', content: 'x', description: 'd'.repeat(1001) }],
  ])('create with %s → BAD_REQUEST, nothing written', async (_label, input) => {
    const { ada } = await world();
    await expectTrpcCode(ada.client.api.prompts.create(input as never), 'BAD_REQUEST');
    expect(snapshot().prompts).toEqual([]);
  });

  it('accepts exactly 50,000 characters and 20 tags of 40 characters', async () => {
    const { ada } = await world();
    const tags = Array.from(
      { length: 20 },
      (_, i) => `${String(i).padStart(2, '0')}${'t'.repeat(38)}`,
    );
    const p = await ada.client.api.prompts.create({
      name: 'big',
      content: 'x'.repeat(50_000),
      tags,
    });
    expect(p.rawContent).toHaveLength(50_000);
    expect(p.tags).toHaveLength(20);
  });

  it.each([
    ['no field to change', { name: 'p' }],
    ['empty content', { name: 'p', content: '' }],
    ['content over 50,000 characters', { name: 'p', content: 'x'.repeat(50_001) }],
    ['a bad name', { name: 'P!', content: 'x' }],
  ])('update with %s → BAD_REQUEST, nothing written', async (_label, input) => {
    const { ada } = await world();
    await ada.client.api.prompts.create({ name: 'p', content: 'v1' });
    const before = snapshot();
    await expectTrpcCode(ada.client.api.prompts.update(input), 'BAD_REQUEST');
    expect(snapshot()).toEqual(before);
  });
});

describe('seedGlobalPrompts', () => {
  it('inserts useful global prompts once, never overwrites edits, never resurrects deletions', async () => {
    const { admin, ada } = await world();
    const first = seedGlobalPrompts({ db: h.services.db });
    expect(first.inserted).toEqual(GLOBAL_PROMPT_SEEDS.map((s) => s.name));
    expect(first.inserted.length).toBeGreaterThanOrEqual(5);
    expect(seedGlobalPrompts({ db: h.services.db }).inserted).toEqual([]);

    await admin.client.api.prompts.update({ name: 'concise_answer', content: 'Admin wording.' });
    await admin.client.api.prompts.delete({ name: 'code_reviewer' });
    const again = seedGlobalPrompts({ db: h.services.db });
    expect(again.inserted).toEqual([]);
    await expectTrpcCode(ada.client.api.prompts.get({ name: 'code_reviewer' }), 'NOT_FOUND');
    expect(await ada.client.api.prompts.get({ name: 'concise_answer' })).toMatchObject({
      content: 'Admin wording.',
      version: 2,
      scope: 'global',
    });

    // The seed that uses an include and {date} composes for a user.
    const plan = await ada.client.api.prompts.get({ name: 'daily_study_plan' });
    expect(plan.rawContent).toContain('{concise_answer}');
    expect(plan.content).toContain(today());
    expect(plan.content).toContain('Admin wording.');
    expect(plan.content).not.toMatch(/\{[a-z0-9_]+\}/);

    const globals = h.services.db.select().from(prompts).where(eq(prompts.scope, 'global')).all();
    expect(globals).toHaveLength(GLOBAL_PROMPT_SEEDS.length - 1);
    expect(globals.every((p) => p.ownerId === null)).toBe(true);
  });

  it('every seed composes without error', async () => {
    const { ada } = await world();
    seedGlobalPrompts({ db: h.services.db });
    for (const seed of GLOBAL_PROMPT_SEEDS) {
      const p = await ada.client.api.prompts.get({ name: seed.name });
      expect(p.content.length).toBeGreaterThan(50);
      expect(p.description.length).toBeGreaterThan(0);
    }
  });
});
