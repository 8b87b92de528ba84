import { asc, conversations, eq, messages, messageVersions, type MessageRow } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMessages, moveOneStep, type NewMessage } from '../services/messages.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

interface World {
  ada: SignedIn;
  bob: SignedIn;
  convId: string;
}

async function world(): Promise<World> {
  const ada = await signUp(h, 'ada@example.com');
  const bob = await signUp(h, 'bob@example.com');
  return { ada, bob, convId: insertConversation(h, ada.user.id).id };
}

/** Appends n alternating user/assistant messages with contents m0..m(n-1). */
function seed(w: World, n: number, extra: Partial<NewMessage> = {}) {
  return appendMessages({
    db: h.services.db,
    conversationId: w.convId,
    userId: w.ada.user.id,
    messages: Array.from({ length: n }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `m${i}`,
      ...extra,
    })),
  });
}

function rows(convId: string): MessageRow[] {
  return h.services.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, convId))
    .orderBy(asc(messages.position))
    .all();
}

/** Contents in position order, after checking positions are exactly 0..n-1. */
function order(convId: string): string[] {
  const all = rows(convId);
  expect(all.map((r) => r.position)).toEqual(all.map((_, i) => i));
  return all.map((r) => r.content);
}

const idsOf = (list: { id: string }[], ...indexes: number[]) =>
  indexes.map((i) => {
    const item = list[i];
    if (!item) throw new Error(`no item ${i}`);
    return item.id;
  });

const snapshot = () => ({
  messages: h.services.db.select().from(messages).orderBy(asc(messages.id)).all(),
  versions: h.services.db.select().from(messageVersions).all(),
});

describe('appendMessages', () => {
  it('appends at the end in order and bumps the conversation activity', async () => {
    const w = await world();
    h.services.db
      .update(conversations)
      .set({ lastActivityAt: new Date(1000) })
      .where(eq(conversations.id, w.convId))
      .run();
    const first = seed(w, 2);
    const second = seed(w, 3, { status: 'streaming', model: 'gpt-x' });
    expect(first.map((m) => m.position)).toEqual([0, 1]);
    expect(second.map((m) => m.position)).toEqual([2, 3, 4]);
    expect(second[0]).toMatchObject({ status: 'streaming', model: 'gpt-x', versionCount: 1 });
    expect(order(w.convId)).toEqual(['m0', 'm1', 'm0', 'm1', 'm2']);
    const conv = h.services.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, w.convId))
      .get();
    expect(conv?.lastActivityAt.getTime()).toBeGreaterThan(1000);
  });

  it("refuses another user's conversation", async () => {
    const w = await world();
    await expectTrpcCode(
      Promise.resolve().then(() =>
        appendMessages({
          db: h.services.db,
          conversationId: w.convId,
          userId: w.bob.user.id,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      ),
      'NOT_FOUND',
    );
    expect(rows(w.convId)).toHaveLength(0);
  });

  it('inserts large batches (beyond the SQL parameter limit) in one go', async () => {
    const w = await world();
    expect(seed(w, 5000)).toHaveLength(5000);
    expect(order(w.convId)).toHaveLength(5000);
  });
});

describe('messages.list', () => {
  it('pages upward through 230 messages: newest page first, ascending within a page', async () => {
    const w = await world();
    seed(w, 230);
    const api = w.ada.client.api;
    const seen: number[] = [];
    let cursor: number | null | undefined;
    const pageSizes: number[] = [];
    do {
      const page = await api.messages.list({ conversationId: w.convId, cursor });
      const positions = page.items.map((m) => m.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      pageSizes.push(positions.length);
      seen.unshift(...positions);
      if (page.nextCursor !== null) expect(page.nextCursor).toBe(positions[0]);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(pageSizes).toEqual([50, 50, 50, 50, 30]);
    expect(seen).toEqual(Array.from({ length: 230 }, (_, i) => i));

    const first = await api.messages.list({ conversationId: w.convId });
    expect(first.items[0]).toMatchObject({ position: 180, content: 'm180', role: 'user' });
    expect(first.items.at(-1)).toMatchObject({ position: 229, content: 'm229', role: 'assistant' });
    expect(first.items[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('honours limit up to 200 and ends exactly at the first message', async () => {
    const w = await world();
    seed(w, 230);
    const api = w.ada.client.api;
    const big = await api.messages.list({ conversationId: w.convId, limit: 200 });
    expect(big.items).toHaveLength(200);
    expect(big.nextCursor).toBe(30);
    const rest = await api.messages.list({ conversationId: w.convId, limit: 30, cursor: 30 });
    expect(rest.items.map((m) => m.position)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(rest.nextCursor).toBeNull();
    const one = await api.messages.list({ conversationId: w.convId, limit: 1 });
    expect(one.items.map((m) => m.content)).toEqual(['m229']);
    expect(one.nextCursor).toBe(229);
  });

  it('returns an empty page for an empty conversation and no cursor when all fit', async () => {
    const w = await world();
    const api = w.ada.client.api;
    expect(await api.messages.list({ conversationId: w.convId })).toEqual({
      items: [],
      nextCursor: null,
    });
    seed(w, 50);
    const page = await api.messages.list({ conversationId: w.convId });
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).toBeNull();
  });

  it('includes hidden messages (flagged) and the version count', async () => {
    const w = await world();
    const [first, second] = idsOf(seed(w, 2), 0, 1);
    const api = w.ada.client.api;
    await api.messages.setHidden({ id: first ?? '', hidden: true });
    await api.messages.edit({ id: second ?? '', content: 'changed' });
    const page = await api.messages.list({ conversationId: w.convId });
    expect(page.items.map((m) => [m.hidden, m.versionCount, m.content])).toEqual([
      [true, 1, 'm0'],
      [false, 2, 'changed'],
    ]);
  });
});

describe('messages.edit and messages.versions', () => {
  it('keeps every earlier text as a numbered version', async () => {
    const w = await world();
    const [msg] = seed(w, 1);
    const id = msg?.id ?? '';
    const api = w.ada.client.api;
    const edited = await api.messages.edit({ id, content: 'second' });
    expect(edited).toMatchObject({ id, content: 'second', versionCount: 2, position: 0 });
    await api.messages.edit({ id, content: 'third' });
    // The same text again is not a new version.
    const same = await api.messages.edit({ id, content: 'third' });
    expect(same.versionCount).toBe(3);

    const versions = await api.messages.versions({ id });
    expect(versions.map((v) => [v.version, v.content, v.current])).toEqual([
      [1, 'm0', false],
      [2, 'second', false],
      [3, 'third', true],
    ]);
    expect(versions.every((v) => v.createdAt instanceof Date)).toBe(true);
    const stored = h.services.db
      .select()
      .from(messageVersions)
      .where(eq(messageVersions.messageId, id))
      .orderBy(asc(messageVersions.version))
      .all();
    expect(stored.map((v) => [v.version, v.content])).toEqual([
      [1, 'm0'],
      [2, 'second'],
    ]);
    expect(rows(w.convId)[0]?.content).toBe('third');
  });

  it('a never-edited message has only its current version', async () => {
    const w = await world();
    const [msg] = seed(w, 1);
    const versions = await w.ada.client.api.messages.versions({ id: msg?.id ?? '' });
    expect(versions).toEqual([
      { version: 1, content: 'm0', createdAt: msg?.updatedAt, current: true },
    ]);
  });

  it('refuses to edit an answer that is still streaming', async () => {
    const w = await world();
    const [msg] = seed(w, 1, { role: 'assistant', status: 'streaming' });
    const before = snapshot();
    const err = await expectTrpcCode(
      w.ada.client.api.messages.edit({ id: msg?.id ?? '', content: 'nope' }),
      'CONFLICT',
    );
    expect(err.message).toMatch(/wait for the answer to finish or stop it/);
    expect(snapshot()).toEqual(before);
  });
});

describe('messages.delete', () => {
  it('renumbers positions densely, keeping the other rows untouched', async () => {
    const w = await world();
    const list = seed(w, 8);
    const api = w.ada.client.api;
    const before = rows(w.convId);
    expect(await api.messages.delete({ id: idsOf(list, 3)[0] ?? '' })).toEqual({ ok: true });
    expect(order(w.convId)).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6', 'm7']);
    // Exact identity: ids keep their relative order; updatedAt of shifted rows is unchanged.
    const after = rows(w.convId);
    expect(after.map((r) => r.id)).toEqual(before.filter((_, i) => i !== 3).map((r) => r.id));
    expect(after.map((r) => r.updatedAt.getTime())).toEqual(
      before.filter((_, i) => i !== 3).map((r) => r.updatedAt.getTime()),
    );
    await api.messages.delete({ id: idsOf(list, 0)[0] ?? '' });
    await api.messages.delete({ id: idsOf(list, 7)[0] ?? '' });
    expect(rows(w.convId).map((r) => r.id)).toEqual(idsOf(list, 1, 2, 4, 5, 6));
    expect(order(w.convId)).toHaveLength(5);
    expect(h.services.db.select().from(messageVersions).all()).toHaveLength(0);
  });

  it('deletes near the top of a long conversation and still pages correctly', async () => {
    const w = await world();
    const list = seed(w, 2000);
    await w.ada.client.api.messages.delete({ id: idsOf(list, 1)[0] ?? '' });
    expect(order(w.convId)).toHaveLength(1999);
    const page = await w.ada.client.api.messages.list({ conversationId: w.convId, limit: 3 });
    expect(page.items.map((m) => m.position)).toEqual([1996, 1997, 1998]);
  });

  it('refuses to delete an answer that is still streaming', async () => {
    const w = await world();
    const [msg] = seed(w, 1, { status: 'streaming' });
    await expectTrpcCode(w.ada.client.api.messages.delete({ id: msg?.id ?? '' }), 'CONFLICT');
    expect(rows(w.convId)).toHaveLength(1);
  });
});

describe('messages.setHidden', () => {
  it('hides and shows without touching the text or updatedAt', async () => {
    const w = await world();
    const [msg] = seed(w, 1);
    const id = msg?.id ?? '';
    const api = w.ada.client.api;
    const hidden = await api.messages.setHidden({ id, hidden: true });
    expect(hidden).toMatchObject({ id, hidden: true, content: 'm0' });
    expect(hidden.updatedAt).toEqual(msg?.updatedAt);
    expect(rows(w.convId)[0]?.hidden).toBe(true);
    await api.messages.setHidden({ id, hidden: false });
    expect(rows(w.convId)[0]?.hidden).toBe(false);
  });
});

describe('messages.move', () => {
  async function moveCase(n: number) {
    const w = await world();
    const list = seed(w, n).map((m, i) => ({ ...m, label: String.fromCharCode(65 + i) }));
    // Relabel contents A, B, C… so orders read easily.
    for (const m of list) {
      h.services.db.update(messages).set({ content: m.label }).where(eq(messages.id, m.id)).run();
    }
    const move = (direction: 'up' | 'down', ...indexes: number[]) =>
      w.ada.client.api.messages.move({
        conversationId: w.convId,
        messageIds: idsOf(list, ...indexes),
        direction,
      });
    const current = () => order(w.convId).join('');
    return { w, list, move, current };
  }

  it('moves a contiguous block up and down one step', async () => {
    const { move, current } = await moveCase(6);
    const res = await move('up', 2, 3);
    expect(current()).toBe('ACDBEF');
    expect(res.moved).toBe(true);
    expect(res.changed.map((c) => c.position).sort()).toEqual([1, 2, 3]);
    await move('down', 2, 3);
    expect(current()).toBe('ABCDEF');
    await move('down', 2, 3);
    expect(current()).toBe('ABECDF');
  });

  it('moves each run of a non-contiguous selection', async () => {
    const { move, current } = await moveCase(7);
    await move('up', 1, 3, 4);
    expect(current()).toBe('BADECFG');
    await move('down', 1, 3, 4); // B, D, E are now at 0, 2, 3
    expect(current()).toBe('ABCDEFG');
    await move('down', 0, 6);
    expect(current()).toBe('BACDEFG');
  });

  it('is a no-op at the edges, and a run stuck at the edge blocks only itself', async () => {
    const { move, current, w } = await moveCase(5);
    const before = rows(w.convId);
    const top = await move('up', 0, 1);
    expect(top).toEqual({ moved: false, changed: [] });
    expect(rows(w.convId)).toEqual(before);
    const bottom = await move('down', 4);
    expect(bottom.moved).toBe(false);
    expect(current()).toBe('ABCDE');
    await move('up', 0, 3); // A stays on top, D moves above C
    expect(current()).toBe('ABDCE');
    await move('down', 3, 4); // E stays at the bottom, D moves below C
    expect(current()).toBe('ABCDE');
    await move('up', 0, 1, 2, 3, 4);
    expect(current()).toBe('ABCDE');
  });

  it('accepts duplicate ids and keeps positions dense and unique after many moves', async () => {
    const { move, current, list } = await moveCase(9);
    const labels = list.map((m) => m.label);
    const model = [...labels];
    const picks: ['up' | 'down', number[]][] = [
      ['up', [8]],
      ['up', [8, 8]],
      ['down', [0, 2, 4]],
      ['up', [1, 5, 6]],
      ['down', [3, 7]],
      ['up', [0, 8]],
    ];
    for (const [direction, indexes] of picks) {
      await move(direction, ...indexes);
      const chosen = new Set(indexes.map((i) => labels[i]));
      const next = moveOneStep(model, (l) => chosen.has(l), direction);
      model.splice(0, model.length, ...next);
      expect(current()).toBe(model.join(''));
    }
  });

  it('refuses ids from another conversation or user, changing nothing', async () => {
    const { w, list } = await moveCase(4);
    const other = insertConversation(h, w.ada.user.id);
    const [foreign] = appendMessages({
      db: h.services.db,
      conversationId: other.id,
      userId: w.ada.user.id,
      messages: [{ role: 'user', content: 'elsewhere' }],
    });
    const before = snapshot();
    await expectTrpcCode(
      w.ada.client.api.messages.move({
        conversationId: w.convId,
        messageIds: [...idsOf(list, 1), foreign?.id ?? ''],
        direction: 'up',
      }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      w.ada.client.api.messages.move({
        conversationId: w.convId,
        messageIds: [...idsOf(list, 1), 'missing-id'],
        direction: 'up',
      }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      w.bob.client.api.messages.move({
        conversationId: w.convId,
        messageIds: idsOf(list, 1),
        direction: 'up',
      }),
      'NOT_FOUND',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('messages.deleteLastTurn', () => {
  it('deletes the last user message and every answer after it', async () => {
    const w = await world();
    const list = appendMessages({
      db: h.services.db,
      conversationId: w.convId,
      userId: w.ada.user.id,
      messages: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: 'a2 (model x)', model: 'x' },
        { role: 'assistant', content: 'a2 (model y)', model: 'y' },
      ],
    });
    const api = w.ada.client.api;
    expect(await api.messages.deleteLastTurn({ conversationId: w.convId })).toEqual({
      deletedIds: idsOf(list, 2, 3, 4),
    });
    expect(order(w.convId)).toEqual(['q1', 'a1']);
    expect(await api.messages.deleteLastTurn({ conversationId: w.convId })).toEqual({
      deletedIds: idsOf(list, 0, 1),
    });
    expect(await api.messages.deleteLastTurn({ conversationId: w.convId })).toEqual({
      deletedIds: [],
    });
  });

  it('refuses while the last answer is streaming', async () => {
    const w = await world();
    seed(w, 1);
    seed(w, 1, { role: 'assistant', status: 'streaming' });
    await expectTrpcCode(
      w.ada.client.api.messages.deleteLastTurn({ conversationId: w.convId }),
      'CONFLICT',
    );
    expect(rows(w.convId)).toHaveLength(2);
  });
});

describe('ownership', () => {
  it("another user's ids behave exactly like missing ones and change nothing", async () => {
    const w = await world();
    const [msg] = seed(w, 3);
    const id = msg?.id ?? '';
    const bob = w.bob.client.api;
    const before = snapshot();
    const calls: [string, () => Promise<unknown>][] = [
      ['list', () => bob.messages.list({ conversationId: w.convId })],
      ['edit', () => bob.messages.edit({ id, content: 'hacked' })],
      ['versions', () => bob.messages.versions({ id })],
      ['delete', () => bob.messages.delete({ id })],
      ['setHidden', () => bob.messages.setHidden({ id, hidden: true })],
      [
        'move',
        () => bob.messages.move({ conversationId: w.convId, messageIds: [id], direction: 'down' }),
      ],
      ['deleteLastTurn', () => bob.messages.deleteLastTurn({ conversationId: w.convId })],
    ];
    for (const [name, call] of calls) {
      const theirs = await expectTrpcCode(call(), 'NOT_FOUND');
      expect(theirs.message, name).not.toContain(id);
    }
    const missingMsg = await expectTrpcCode(
      bob.messages.edit({ id: 'nope', content: 'x' }),
      'NOT_FOUND',
    );
    const theirMsg = await expectTrpcCode(bob.messages.edit({ id, content: 'x' }), 'NOT_FOUND');
    expect(theirMsg.message).toBe(missingMsg.message);
    const missingConv = await expectTrpcCode(
      bob.messages.list({ conversationId: 'nope' }),
      'NOT_FOUND',
    );
    const theirConv = await expectTrpcCode(
      bob.messages.list({ conversationId: w.convId }),
      'NOT_FOUND',
    );
    expect(theirConv.message).toBe(missingConv.message);
    expect(snapshot()).toEqual(before);
  });

  it('also checks the message owner, not only the conversation owner', async () => {
    const w = await world();
    // A corrupt row: in Ada's conversation but owned by Bob. Neither may touch it.
    const stray = h.services.db
      .insert(messages)
      .values({
        conversationId: w.convId,
        userId: w.bob.user.id,
        role: 'user',
        content: 'stray',
        position: 0,
      })
      .returning()
      .get();
    const before = snapshot();
    await expectTrpcCode(
      w.ada.client.api.messages.edit({ id: stray.id, content: 'x' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      w.bob.client.api.messages.edit({ id: stray.id, content: 'x' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(w.ada.client.api.messages.delete({ id: stray.id }), 'NOT_FOUND');
    expect((await w.ada.client.api.messages.list({ conversationId: w.convId })).items).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses every procedure without a session', async () => {
    const w = await world();
    const [msg] = seed(w, 1);
    const id = msg?.id ?? '';
    const anon = h.client().api;
    const before = snapshot();
    await expectTrpcCode(anon.messages.list({ conversationId: w.convId }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.messages.edit({ id, content: 'x' }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.messages.versions({ id }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.messages.delete({ id }), 'UNAUTHORIZED');
    await expectTrpcCode(anon.messages.setHidden({ id, hidden: true }), 'UNAUTHORIZED');
    await expectTrpcCode(
      anon.messages.move({ conversationId: w.convId, messageIds: [id], direction: 'up' }),
      'UNAUTHORIZED',
    );
    await expectTrpcCode(
      anon.messages.deleteLastTurn({ conversationId: w.convId }),
      'UNAUTHORIZED',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('bad input', () => {
  it.each([
    ['edit', 'empty content', { content: '' }],
    ['edit', 'blank content', { content: '   \n ' }],
    ['edit', '200,001 characters', { content: 'x'.repeat(200_001) }],
    ['edit', 'content of the wrong type', { content: 42 }],
    ['edit', 'empty id', { id: '' }],
    ['edit', '65-character id', { id: 'x'.repeat(65) }],
    ['setHidden', 'hidden of the wrong type', { hidden: 'yes' }],
    ['list', 'limit 0', { limit: 0 }],
    ['list', 'limit 201', { limit: 201 }],
    ['list', 'negative cursor', { cursor: -1 }],
    ['list', 'fractional cursor', { cursor: 1.5 }],
    ['move', 'no ids', { messageIds: [] }],
    ['move', 'unknown direction', { direction: 'left' }],
    ['move', '1001 ids', { messageIds: Array.from({ length: 1001 }, (_, i) => `id${i}`) }],
    ['deleteLastTurn', 'empty conversation id', { conversationId: '' }],
  ] as const)('%s with %s → BAD_REQUEST, nothing written', async (proc, _label, patch) => {
    const w = await world();
    const [msg] = seed(w, 2);
    const id = msg?.id ?? '';
    const api = w.ada.client.api;
    const before = snapshot();
    const base = {
      id,
      conversationId: w.convId,
      content: 'ok',
      hidden: true,
      messageIds: [id],
      direction: 'up',
    };
    const input = { ...base, ...patch };
    // Deliberately unchecked: the point is what the server does with wrong types.
    const raw = input as never;
    const call = {
      edit: () => api.messages.edit(raw),
      setHidden: () => api.messages.setHidden(raw),
      list: () => api.messages.list(raw),
      move: () => api.messages.move(raw),
      deleteLastTurn: () => api.messages.deleteLastTurn(raw),
    }[proc];
    const err = await expectTrpcCode(call(), 'BAD_REQUEST');
    expect(err.message.length).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });

  it('accepts the maximum content size', async () => {
    const w = await world();
    const [msg] = seed(w, 1);
    const big = 'y'.repeat(200_000);
    const edited = await w.ada.client.api.messages.edit({ id: msg?.id ?? '', content: big });
    expect(edited.content).toHaveLength(200_000);
  });
});
