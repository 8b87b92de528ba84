import { asc, conversations, eq, workspaces } from '@margin/db';
import { WORKSPACE_LIMITS } from '@margin/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestClient, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

/** Ada (admin, first user) and Bob, each in their own "browser". */
async function twoUsers(): Promise<{ ada: TestClient; bob: TestClient }> {
  const ada = h.client();
  await ada.api.auth.setup({ email: 'ada@example.com', password: 'ada password 1' });
  await ada.api.admin.users.create({ email: 'bob@example.com', password: 'bob password 1' });
  const bob = h.client();
  await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });
  return { ada, bob };
}

const workspaceRows = () =>
  h.services.db.select().from(workspaces).orderBy(asc(workspaces.id)).all();
const conversationRows = () =>
  h.services.db.select().from(conversations).orderBy(asc(conversations.id)).all();
const snapshot = () => ({ workspaces: workspaceRows(), conversations: conversationRows() });
const rowOf = (id: string) =>
  h.services.db.select().from(workspaces).where(eq(workspaces.id, id)).get();

describe('workspaces.list', () => {
  it('creates the default "General" workspace once per user and domain', async () => {
    const { ada } = await twoUsers();
    const first = await ada.api.workspaces.list({ domain: 'assistant' });
    expect(first).toEqual([
      {
        id: expect.any(String) as string,
        name: 'General',
        color: null,
        domain: 'assistant',
        parentId: null,
        expanded: true,
        isDefault: true,
        position: 0,
        conversationCount: 0,
        systemPrompt: null,
      },
    ]);
    expect(await ada.api.workspaces.list({ domain: 'assistant' })).toEqual(first);
    const search = await ada.api.workspaces.list({ domain: 'search' });
    expect(search).toHaveLength(1);
    expect(search[0]?.id).not.toBe(first[0]?.id);
    expect(workspaceRows()).toHaveLength(2);
  });

  it('counts each workspace’s own conversations, without temporary chats', async () => {
    const { ada } = await twoUsers();
    const parent = await ada.api.workspaces.create({ domain: 'assistant', name: 'Papers' });
    const child = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'ML',
      parentId: parent.id,
    });
    await ada.api.conversations.create({ domain: 'assistant', workspaceId: parent.id });
    await ada.api.conversations.create({ domain: 'assistant', workspaceId: child.id });
    await ada.api.conversations.create({ domain: 'assistant', workspaceId: child.id });
    await ada.api.conversations.create({
      domain: 'assistant',
      workspaceId: child.id,
      stateless: true,
    });
    await ada.api.conversations.create({ domain: 'search' });
    const list = await ada.api.workspaces.list({ domain: 'assistant' });
    const count = (id: string) => list.find((w) => w.id === id)?.conversationCount;
    expect(count(parent.id)).toBe(1);
    expect(count(child.id)).toBe(2);
    expect(list.find((w) => w.isDefault)?.conversationCount).toBe(0);
  });
});

describe('workspaces.create', () => {
  it('appends new workspaces after their siblings, nested or not', async () => {
    const { ada } = await twoUsers();
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: '  Papers ' });
    const b = await ada.api.workspaces.create({ domain: 'assistant', name: 'Code', color: 'pink' });
    const a1 = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'Vision',
      parentId: a.id,
    });
    const a2 = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'NLP',
      parentId: a.id,
      color: null,
    });
    expect(a).toMatchObject({ name: 'Papers', color: null, position: 1, parentId: null });
    expect(b).toMatchObject({ name: 'Code', color: 'pink', position: 2, isDefault: false });
    expect(a1).toMatchObject({ parentId: a.id, position: 0, expanded: true });
    expect(a2).toMatchObject({ parentId: a.id, position: 1, conversationCount: 0 });
    const list = await ada.api.workspaces.list({ domain: 'assistant' });
    // Depth-first: each folder is followed by its sub-folders, siblings by position.
    expect(list.map((w) => w.name)).toEqual(['General', 'Papers', 'Vision', 'NLP', 'Code']);
    expect(rowOf(a1.id)).toMatchObject({ parentId: a.id, domain: 'assistant' });
  });

  it('refuses a parent in another domain or of another user, writing nothing', async () => {
    const { ada, bob } = await twoUsers();
    const search = await ada.api.workspaces.create({ domain: 'search', name: 'Web' });
    const before = snapshot();
    await expectTrpcCode(
      ada.api.workspaces.create({ domain: 'assistant', name: 'X', parentId: search.id }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      bob.api.workspaces.create({ domain: 'search', name: 'X', parentId: search.id }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      ada.api.workspaces.create({ domain: 'search', name: 'X', parentId: 'missing' }),
      'NOT_FOUND',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces.update', () => {
  it('changes name, colour, expanded state and system prompt', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.api.workspaces.create({ domain: 'assistant', name: 'Old' });
    const updated = await ada.api.workspaces.update({
      id: ws.id,
      name: 'New',
      color: 'success',
      expanded: false,
      systemPrompt: 'Answer briefly.',
    });
    expect(updated).toMatchObject({
      id: ws.id,
      name: 'New',
      color: 'success',
      expanded: false,
      systemPrompt: 'Answer briefly.',
    });
    expect(rowOf(ws.id)).toMatchObject({ name: 'New', color: 'success', expanded: false });
    const cleared = await ada.api.workspaces.update({ id: ws.id, color: null, systemPrompt: '' });
    expect(cleared).toMatchObject({ color: null, systemPrompt: null, name: 'New' });
    const big = 'x'.repeat(WORKSPACE_LIMITS.systemPromptMax);
    expect((await ada.api.workspaces.update({ id: ws.id, systemPrompt: big })).systemPrompt).toBe(
      big,
    );
  });

  it('moves a folder under a new parent, last among its new siblings, or back to the top', async () => {
    const { ada } = await twoUsers();
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const b = await ada.api.workspaces.create({ domain: 'assistant', name: 'B' });
    await ada.api.workspaces.create({ domain: 'assistant', name: 'A1', parentId: a.id });
    const moved = await ada.api.workspaces.update({ id: b.id, parentId: a.id });
    expect(moved).toMatchObject({ parentId: a.id, position: 1 });
    const top = await ada.api.workspaces.update({ id: b.id, parentId: null });
    expect(top).toMatchObject({ parentId: null, position: 2 });
  });

  it('refuses cycles and nesting the default workspace, changing nothing', async () => {
    const { ada } = await twoUsers();
    const [general] = await ada.api.workspaces.list({ domain: 'assistant' });
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const b = await ada.api.workspaces.create({ domain: 'assistant', name: 'B', parentId: a.id });
    const c = await ada.api.workspaces.create({ domain: 'assistant', name: 'C', parentId: b.id });
    const before = snapshot();
    for (const parentId of [a.id, b.id, c.id]) {
      const err = await expectTrpcCode(
        ada.api.workspaces.update({ id: a.id, parentId, name: 'renamed' }),
        'BAD_REQUEST',
      );
      expect(err.message).toMatch(/into itself/);
    }
    await expectTrpcCode(
      ada.api.workspaces.update({ id: general?.id ?? '', parentId: a.id }),
      'BAD_REQUEST',
    );
    expect(snapshot()).toEqual(before);
    // A legal move still works.
    expect(await ada.api.workspaces.update({ id: c.id, parentId: a.id })).toMatchObject({
      parentId: a.id,
    });
  });

  it('refuses a parent from another domain', async () => {
    const { ada } = await twoUsers();
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const s = await ada.api.workspaces.create({ domain: 'search', name: 'S' });
    const before = snapshot();
    await expectTrpcCode(ada.api.workspaces.update({ id: a.id, parentId: s.id }), 'BAD_REQUEST');
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces.collapse', () => {
  it('collapses the caller’s workspaces', async () => {
    const { ada } = await twoUsers();
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const b = await ada.api.workspaces.create({ domain: 'assistant', name: 'B' });
    const c = await ada.api.workspaces.create({ domain: 'assistant', name: 'C' });
    expect(await ada.api.workspaces.collapse({ ids: [a.id, b.id, a.id] })).toEqual({
      collapsed: 2,
    });
    expect(rowOf(a.id)?.expanded).toBe(false);
    expect(rowOf(b.id)?.expanded).toBe(false);
    expect(rowOf(c.id)?.expanded).toBe(true);
    expect(await ada.api.workspaces.collapse({ ids: [] })).toEqual({ collapsed: 0 });
  });

  it('changes nothing when any id is foreign or missing', async () => {
    const { ada, bob } = await twoUsers();
    const a = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const mine = await bob.api.workspaces.create({ domain: 'assistant', name: 'Bob' });
    const before = snapshot();
    await expectTrpcCode(bob.api.workspaces.collapse({ ids: [mine.id, a.id] }), 'NOT_FOUND');
    await expectTrpcCode(bob.api.workspaces.collapse({ ids: [mine.id, 'missing'] }), 'NOT_FOUND');
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces.delete', () => {
  it('moves a top-level folder’s conversations to the default and its sub-folders to the top', async () => {
    const { ada } = await twoUsers();
    const [general] = await ada.api.workspaces.list({ domain: 'assistant' });
    const other = await ada.api.workspaces.create({ domain: 'assistant', name: 'Other' });
    const doomed = await ada.api.workspaces.create({ domain: 'assistant', name: 'Doomed' });
    const k1 = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'K1',
      parentId: doomed.id,
    });
    const k2 = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'K2',
      parentId: doomed.id,
    });
    const c1 = await ada.api.conversations.create({ domain: 'assistant', workspaceId: doomed.id });
    const c2 = await ada.api.conversations.create({
      domain: 'assistant',
      workspaceId: doomed.id,
      stateless: true,
    });
    const inChild = await ada.api.conversations.create({
      domain: 'assistant',
      workspaceId: k1.id,
    });

    const result = await ada.api.workspaces.delete({ id: doomed.id });
    expect(result).toEqual({
      ok: true,
      movedToWorkspaceId: general?.id,
      movedConversations: 2,
      movedFolders: 2,
    });
    expect(rowOf(doomed.id)).toBeUndefined();
    const byId = new Map(conversationRows().map((c) => [c.id, c]));
    expect(byId.get(c1.id)?.workspaceId).toBe(general?.id);
    expect(byId.get(c2.id)?.workspaceId).toBe(general?.id);
    expect(byId.get(inChild.id)?.workspaceId).toBe(k1.id);
    // Sub-folders keep their order, appended after the remaining top-level folders.
    expect(rowOf(k1.id)).toMatchObject({ parentId: null, position: 3 });
    expect(rowOf(k2.id)).toMatchObject({ parentId: null, position: 4 });
    expect(rowOf(other.id)).toMatchObject({ parentId: null, position: 1 });
  });

  it('moves a nested folder’s conversations and sub-folders to its parent', async () => {
    const { ada } = await twoUsers();
    const parent = await ada.api.workspaces.create({ domain: 'assistant', name: 'P' });
    const sibling = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'S',
      parentId: parent.id,
    });
    const doomed = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'D',
      parentId: parent.id,
    });
    const kid = await ada.api.workspaces.create({
      domain: 'assistant',
      name: 'K',
      parentId: doomed.id,
    });
    const conv = await ada.api.conversations.create({
      domain: 'assistant',
      workspaceId: doomed.id,
    });
    const result = await ada.api.workspaces.delete({ id: doomed.id });
    expect(result).toMatchObject({ movedToWorkspaceId: parent.id, movedFolders: 1 });
    expect(conversationRows().find((c) => c.id === conv.id)?.workspaceId).toBe(parent.id);
    expect(rowOf(kid.id)).toMatchObject({ parentId: parent.id, position: 2 });
    expect(rowOf(sibling.id)).toMatchObject({ parentId: parent.id, position: 0 });
    const list = await ada.api.workspaces.list({ domain: 'assistant' });
    expect(list.find((w) => w.id === parent.id)?.conversationCount).toBe(1);
  });

  it('refuses to delete the default workspace', async () => {
    const { ada } = await twoUsers();
    const [general] = await ada.api.workspaces.list({ domain: 'assistant' });
    await ada.api.conversations.create({ domain: 'assistant' });
    const before = snapshot();
    const err = await expectTrpcCode(
      ada.api.workspaces.delete({ id: general?.id ?? '' }),
      'BAD_REQUEST',
    );
    expect(err.message).toMatch(/General/);
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces.moveConversation', () => {
  it('moves a conversation between the caller’s workspaces of one domain', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.api.workspaces.create({ domain: 'assistant', name: 'Target' });
    const conv = await ada.api.conversations.create({ domain: 'assistant' });
    const moved = await ada.api.workspaces.moveConversation({
      conversationId: conv.id,
      workspaceId: ws.id,
    });
    expect(moved).toMatchObject({ id: conv.id, workspaceId: ws.id });
    expect(conversationRows()[0]?.workspaceId).toBe(ws.id);
    expect(conversationRows()[0]?.lastActivityAt).toEqual(conv.lastActivityAt);
  });

  it('refuses another domain’s workspace (BAD_REQUEST) and unknown ids (NOT_FOUND)', async () => {
    const { ada } = await twoUsers();
    const search = await ada.api.workspaces.create({ domain: 'search', name: 'S' });
    const conv = await ada.api.conversations.create({ domain: 'assistant' });
    const before = snapshot();
    await expectTrpcCode(
      ada.api.workspaces.moveConversation({ conversationId: conv.id, workspaceId: search.id }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      ada.api.workspaces.moveConversation({ conversationId: 'nope', workspaceId: search.id }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      ada.api.workspaces.moveConversation({ conversationId: conv.id, workspaceId: 'nope' }),
      'NOT_FOUND',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces ownership', () => {
  it('another user’s ids behave exactly like missing ones, and nothing changes', async () => {
    const { ada, bob } = await twoUsers();
    const adaWs = await ada.api.workspaces.create({ domain: 'assistant', name: 'Ada' });
    const adaConv = await ada.api.conversations.create({ domain: 'assistant' });
    const bobWs = await bob.api.workspaces.create({ domain: 'assistant', name: 'Bob' });
    const bobConv = await bob.api.conversations.create({ domain: 'assistant' });
    const before = snapshot();

    const pairs: [() => Promise<unknown>, () => Promise<unknown>][] = [
      [
        () => bob.api.workspaces.update({ id: adaWs.id, name: 'pwned' }),
        () => bob.api.workspaces.update({ id: 'missing', name: 'pwned' }),
      ],
      [
        () => bob.api.workspaces.update({ id: bobWs.id, parentId: adaWs.id }),
        () => bob.api.workspaces.update({ id: bobWs.id, parentId: 'missing' }),
      ],
      [
        () => bob.api.workspaces.collapse({ ids: [adaWs.id] }),
        () => bob.api.workspaces.collapse({ ids: ['missing'] }),
      ],
      [
        () => bob.api.workspaces.delete({ id: adaWs.id }),
        () => bob.api.workspaces.delete({ id: 'missing' }),
      ],
      [
        () =>
          bob.api.workspaces.moveConversation({
            conversationId: adaConv.id,
            workspaceId: bobWs.id,
          }),
        () =>
          bob.api.workspaces.moveConversation({ conversationId: 'missing', workspaceId: bobWs.id }),
      ],
      [
        () =>
          bob.api.workspaces.moveConversation({
            conversationId: bobConv.id,
            workspaceId: adaWs.id,
          }),
        () =>
          bob.api.workspaces.moveConversation({
            conversationId: bobConv.id,
            workspaceId: 'missing',
          }),
      ],
      [
        () => bob.api.workspaces.create({ domain: 'assistant', name: 'x', parentId: adaWs.id }),
        () => bob.api.workspaces.create({ domain: 'assistant', name: 'x', parentId: 'missing' }),
      ],
    ];
    for (const [foreign, missing] of pairs) {
      const a = await expectTrpcCode(foreign(), 'NOT_FOUND');
      const b = await expectTrpcCode(missing(), 'NOT_FOUND');
      expect(a.message).toBe(b.message);
    }
    expect(snapshot()).toEqual(before);
    const bobList = await bob.api.workspaces.list({ domain: 'assistant' });
    expect(bobList.map((w) => w.id)).not.toContain(adaWs.id);
  });

  it('refuses unauthenticated calls', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const conv = await ada.api.conversations.create({ domain: 'assistant' });
    const anon = h.client();
    const before = snapshot();
    await expectTrpcCode(anon.api.workspaces.list({ domain: 'assistant' }), 'UNAUTHORIZED');
    await expectTrpcCode(
      anon.api.workspaces.create({ domain: 'assistant', name: 'x' }),
      'UNAUTHORIZED',
    );
    await expectTrpcCode(anon.api.workspaces.update({ id: ws.id, name: 'x' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.api.workspaces.collapse({ ids: [ws.id] }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.api.workspaces.delete({ id: ws.id }), 'UNAUTHORIZED');
    await expectTrpcCode(
      anon.api.workspaces.moveConversation({ conversationId: conv.id, workspaceId: ws.id }),
      'UNAUTHORIZED',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('workspaces bad input', () => {
  const long = 'x'.repeat(WORKSPACE_LIMITS.nameMax + 1);
  const cases: [string, (c: TestClient, id: string) => Promise<unknown>][] = [
    // @ts-expect-error unknown domain
    ['list: unknown domain', (c) => c.api.workspaces.list({ domain: 'finance' })],
    // @ts-expect-error missing domain
    ['list: no domain', (c) => c.api.workspaces.list({})],
    ['create: empty name', (c) => c.api.workspaces.create({ domain: 'assistant', name: '' })],
    ['create: blank name', (c) => c.api.workspaces.create({ domain: 'assistant', name: '   ' })],
    ['create: huge name', (c) => c.api.workspaces.create({ domain: 'assistant', name: long })],
    // @ts-expect-error wrong type
    ['create: numeric name', (c) => c.api.workspaces.create({ domain: 'assistant', name: 42 })],
    [
      'create: unknown colour',
      // @ts-expect-error unknown enum value
      (c) => c.api.workspaces.create({ domain: 'assistant', name: 'x', color: 'red' }),
    ],
    [
      'create: empty parent id',
      (c) => c.api.workspaces.create({ domain: 'assistant', name: 'x', parentId: '' }),
    ],
    ['update: nothing to change', (c, id) => c.api.workspaces.update({ id })],
    ['update: empty id', (c) => c.api.workspaces.update({ id: '', name: 'x' })],
    ['update: huge id', (c) => c.api.workspaces.update({ id: 'i'.repeat(65), name: 'x' })],
    [
      'update: huge system prompt',
      (c, id) =>
        c.api.workspaces.update({
          id,
          systemPrompt: 'x'.repeat(WORKSPACE_LIMITS.systemPromptMax + 1),
        }),
    ],
    // @ts-expect-error wrong type
    ['update: expanded not boolean', (c, id) => c.api.workspaces.update({ id, expanded: 'yes' })],
    [
      'collapse: too many ids',
      (c, id) =>
        c.api.workspaces.collapse({
          ids: Array.from({ length: WORKSPACE_LIMITS.collapseMax + 1 }, () => id),
        }),
    ],
    // @ts-expect-error wrong type
    ['collapse: not an array', (c, id) => c.api.workspaces.collapse({ ids: id })],
    ['delete: empty id', (c) => c.api.workspaces.delete({ id: '' })],
    [
      'moveConversation: missing workspace id',
      // @ts-expect-error missing field
      (c) => c.api.workspaces.moveConversation({ conversationId: 'x' }),
    ],
  ];
  it.each(cases)('%s → BAD_REQUEST, no writes', async (_name, call) => {
    const { ada } = await twoUsers();
    const ws = await ada.api.workspaces.create({ domain: 'assistant', name: 'A' });
    const before = snapshot();
    const err = await expectTrpcCode(call(ada, ws.id), 'BAD_REQUEST');
    expect(err.message.length).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });
});
