import {
  asc,
  conversations,
  eq,
  messageQueries,
  messages,
  messageVersions,
  sectionStates,
  workspaces,
} from '@margin/db';
import { CONVERSATION_LIMITS, SEARCH_HIGHLIGHT, type ConversationSummary } from '@margin/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../services/conversations/list.js';
import { COMMON_MATCHES } from '../services/conversations/search.js';
import { appendMessages } from '../services/messages.js';
import { createTestHarness, type TestClient, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

interface Person {
  client: TestClient;
  id: string;
}

/** Ada (admin, first user) and Bob, each in their own "browser". */
async function twoUsers(): Promise<{ ada: Person; bob: Person }> {
  const ada = h.client();
  const adaUser = await ada.api.auth.setup({
    email: 'ada@example.com',
    password: 'ada password 1',
  });
  const bobUser = await ada.api.admin.users.create({
    email: 'bob@example.com',
    password: 'bob password 1',
  });
  const bob = h.client();
  await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });
  return { ada: { client: ada, id: adaUser.id }, bob: { client: bob, id: bobUser.id } };
}

type MessageSpec =
  | string
  | {
      content: string;
      role?: 'user' | 'assistant';
      hidden?: boolean;
      position?: number;
      status?: 'complete' | 'streaming';
      model?: string;
    };

/** Inserts messages with explicit positions (default: 0, 1, 2… alternating user/assistant). */
function addMessages(conversationId: string, userId: string, specs: MessageSpec[]) {
  return messageQueries.insertMessages({
    db: h.services.db,
    rows: specs.map((spec, i) => {
      const s = typeof spec === 'string' ? { content: spec } : spec;
      return {
        conversationId,
        userId,
        role: s.role ?? (i % 2 === 0 ? 'user' : 'assistant'),
        content: s.content,
        hidden: s.hidden ?? false,
        position: s.position ?? i,
        status: s.status ?? 'complete',
        model: s.model ?? null,
      };
    }),
  });
}

const db = () => h.services.db;
const conversationRows = () =>
  db().select().from(conversations).orderBy(asc(conversations.id)).all();
const messageRows = () => db().select().from(messages).orderBy(asc(messages.id)).all();
const snapshot = () => ({
  conversations: conversationRows(),
  messages: messageRows(),
  workspaces: db().select().from(workspaces).orderBy(asc(workspaces.id)).all(),
  versions: db().select().from(messageVersions).orderBy(asc(messageVersions.id)).all(),
});
const conversationRow = (id: string) =>
  db().select().from(conversations).where(eq(conversations.id, id)).get();
const setActivity = (id: string, at: Date) =>
  db().update(conversations).set({ lastActivityAt: at }).where(eq(conversations.id, id)).run();

describe('conversations.create and get', () => {
  it('creates in the domain default workspace, or in the given one', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const [general] = await ada.client.api.workspaces.list({ domain: 'assistant' });
    expect(conv).toMatchObject({
      title: 'New conversation',
      domain: 'assistant',
      workspaceId: general?.id,
      workspace: { id: general?.id, name: 'General', color: null },
      flag: null,
      stateless: false,
      shared: false,
      shareToken: null,
      sharePath: null,
      summary: '',
      memoryPad: '',
      titleLocked: false,
    });
    expect(conv.lastActivityAt).toBeInstanceOf(Date);
    expect(conversationRow(conv.id)).toMatchObject({ userId: ada.id, workspaceId: general?.id });

    const ws = await ada.client.api.workspaces.create({
      domain: 'search',
      name: 'Web',
      color: 'info',
    });
    const inWs = await ada.client.api.conversations.create({
      domain: 'search',
      workspaceId: ws.id,
      stateless: true,
    });
    expect(inWs).toMatchObject({
      workspaceId: ws.id,
      stateless: true,
      workspace: { id: ws.id, name: 'Web', color: 'info' },
    });
    expect(await ada.client.api.conversations.get({ id: inWs.id })).toEqual(inWs);
  });

  it('refuses a workspace of another domain without writing', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.client.api.workspaces.create({ domain: 'search', name: 'Web' });
    const before = snapshot();
    await expectTrpcCode(
      ada.client.api.conversations.create({ domain: 'assistant', workspaceId: ws.id }),
      'BAD_REQUEST',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('conversations.list', () => {
  it('walks 120 conversations newest first in pages, ties included, no duplicates or gaps', async () => {
    const { ada, bob } = await twoUsers();
    const base = Date.UTC(2025, 0, 1);
    const created: string[] = [];
    for (let i = 0; i < 120; i++) {
      const c = await ada.client.api.conversations.create({ domain: 'assistant' });
      // Groups of 7 share one timestamp, so page boundaries fall inside ties.
      setActivity(c.id, new Date(base + Math.floor(i / 7) * 1000));
      created.push(c.id);
    }
    await bob.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.create({ domain: 'search' });

    const seen: ConversationSummary[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ada.client.api.conversations.list({
        domain: 'assistant',
        limit: 13,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(13);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(Math.ceil(120 / 13));
    expect(seen).toHaveLength(120);
    expect(new Set(seen.map((c) => c.id)).size).toBe(120);
    expect(new Set(seen.map((c) => c.id))).toEqual(new Set(created));
    // Sorted by (lastActivityAt desc, id desc).
    for (let i = 1; i < seen.length; i++) {
      const prev = seen[i - 1];
      const cur = seen[i];
      if (!prev || !cur) throw new Error('unreachable');
      const order =
        prev.lastActivityAt.getTime() - cur.lastActivityAt.getTime() || (prev.id > cur.id ? 1 : -1);
      expect(order).toBeGreaterThan(0);
    }
    expect(seen.every((c) => c.domain === 'assistant')).toBe(true);

    const firstPage = await ada.client.api.conversations.list({ domain: 'assistant' });
    expect(firstPage.items).toHaveLength(CONVERSATION_LIMITS.listDefault);
    const all = await ada.client.api.conversations.list({ domain: 'assistant', limit: 200 });
    expect(all.items).toHaveLength(120);
    expect(all.nextCursor).toBeNull();
  });

  it('filters by workspace and returns summary fields only', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.client.api.workspaces.create({ domain: 'assistant', name: 'W' });
    const inWs = await ada.client.api.conversations.create({
      domain: 'assistant',
      workspaceId: ws.id,
    });
    await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.share({ id: inWs.id });
    await ada.client.api.conversations.setMemoryPad({ id: inWs.id, text: 'secret' });
    const page = await ada.client.api.conversations.list({
      domain: 'assistant',
      workspaceId: ws.id,
    });
    expect(page.items).toHaveLength(1);
    expect(Object.keys(page.items[0] ?? {}).sort()).toEqual(
      [
        'createdAt',
        'domain',
        'flag',
        'id',
        'lastActivityAt',
        'shared',
        'stateless',
        'title',
        'workspaceId',
      ].sort(),
    );
    expect(page.items[0]).toMatchObject({ id: inWs.id, shared: true });
    const before = snapshot();
    await expectTrpcCode(
      ada.client.api.conversations.list({ domain: 'search', workspaceId: ws.id }),
      'BAD_REQUEST',
    );
    expect(snapshot()).toEqual(before);
  });

  it('rejects bad cursors with BAD_REQUEST', async () => {
    const { ada } = await twoUsers();
    await ada.client.api.conversations.create({ domain: 'assistant' });
    const bad = [
      'not-a-cursor',
      '%%%',
      Buffer.from('{"t":"x","id":"a"}').toString('base64url'),
      Buffer.from('{"t":-5,"id":"a"}').toString('base64url'),
      Buffer.from('{"t":1,"id":""}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      'x'.repeat(CONVERSATION_LIMITS.cursorMax + 1),
    ];
    for (const cursor of bad) {
      await expectTrpcCode(
        ada.client.api.conversations.list({ domain: 'assistant', cursor }),
        'BAD_REQUEST',
      );
    }
    // A well-formed cursor is accepted.
    const ok = encodeCursor({ lastActivityAt: new Date(), id: 'zzz' });
    const page = await ada.client.api.conversations.list({ domain: 'assistant', cursor: ok });
    expect(page.items).toHaveLength(1);
  });

  it('removes only the caller’s temporary chats idle for over an hour, never keepId', async () => {
    const { ada, bob } = await twoUsers();
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const stale = await ada.client.api.conversations.create({
      domain: 'assistant',
      stateless: true,
    });
    const kept = await ada.client.api.conversations.create({
      domain: 'search',
      stateless: true,
    });
    const fresh = await ada.client.api.conversations.create({
      domain: 'assistant',
      stateless: true,
    });
    const oldNormal = await ada.client.api.conversations.create({ domain: 'assistant' });
    const bobStale = await bob.client.api.conversations.create({
      domain: 'assistant',
      stateless: true,
    });
    addMessages(stale.id, ada.id, ['hello', 'world']);
    for (const id of [stale.id, kept.id, oldNormal.id, bobStale.id]) setActivity(id, old);

    const page = await ada.client.api.conversations.list({ domain: 'assistant', keepId: kept.id });
    expect(page.items.map((c) => c.id).sort()).toEqual([fresh.id, oldNormal.id].sort());
    const left = new Set(conversationRows().map((c) => c.id));
    expect(left.has(stale.id)).toBe(false);
    expect(left.has(kept.id)).toBe(true);
    expect(left.has(fresh.id)).toBe(true);
    expect(left.has(oldNormal.id)).toBe(true);
    expect(left.has(bobStale.id)).toBe(true);
    expect(messageRows().filter((m) => m.conversationId === stale.id)).toHaveLength(0);

    // Without keepId, the next listing removes the idle one it protected.
    await ada.client.api.conversations.list({ domain: 'search' });
    expect(conversationRow(kept.id)).toBeUndefined();
  });
});

describe('conversation settings', () => {
  it('rename trims, locks the title and does not bump activity', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const renamed = await ada.client.api.conversations.rename({ id: conv.id, title: '  Plan  ' });
    expect(renamed).toMatchObject({ title: 'Plan', titleLocked: true });
    expect(renamed.lastActivityAt).toEqual(conv.lastActivityAt);
    expect(conversationRow(conv.id)).toMatchObject({ title: 'Plan', titleLocked: true });
  });

  it('sets and clears the flag, toggles stateless', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    expect((await ada.client.api.conversations.setFlag({ id: conv.id, flag: 'danger' })).flag).toBe(
      'danger',
    );
    expect(conversationRow(conv.id)?.flag).toBe('danger');
    expect((await ada.client.api.conversations.setFlag({ id: conv.id, flag: null })).flag).toBe(
      null,
    );
    expect(
      (await ada.client.api.conversations.setStateless({ id: conv.id, stateless: true })).stateless,
    ).toBe(true);
    expect(conversationRow(conv.id)?.stateless).toBe(true);
  });

  it('stores the memory pad and reads suggestions', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    expect(await ada.client.api.conversations.getMemoryPad({ id: conv.id })).toEqual({ text: '' });
    const text = 'Remember: n ≤ 10⁵.\n'.repeat(10);
    expect(await ada.client.api.conversations.setMemoryPad({ id: conv.id, text })).toEqual({
      text,
    });
    expect(await ada.client.api.conversations.getMemoryPad({ id: conv.id })).toEqual({ text });
    expect(conversationRow(conv.id)?.memoryPad).toBe(text);

    expect(await ada.client.api.conversations.suggestions({ id: conv.id })).toEqual([]);
    db()
      .update(conversations)
      .set({ suggestions: ['Why?', 'How?'] })
      .where(eq(conversations.id, conv.id))
      .run();
    expect(await ada.client.api.conversations.suggestions({ id: conv.id })).toEqual([
      'Why?',
      'How?',
    ]);
  });

  it('getHistory renders title, summary and the last 10 visible messages', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.rename({ id: conv.id, title: 'Graphs' });
    db()
      .update(conversations)
      .set({ summary: 'We discussed BFS.' })
      .where(eq(conversations.id, conv.id))
      .run();
    const specs: MessageSpec[] = Array.from({ length: 14 }, (_, i) => `message ${i}`);
    specs[12] = { content: 'secret hidden text', hidden: true, role: 'user' };
    addMessages(conv.id, ada.id, specs);
    const { markdown } = await ada.client.api.conversations.getHistory({ id: conv.id });
    expect(markdown).toMatch(/^# Graphs\n/);
    expect(markdown).toContain('We discussed BFS.');
    expect(markdown).not.toContain('secret hidden text');
    expect(markdown).toContain('message 13');
    expect(markdown).toContain('message 3');
    expect(markdown).not.toContain('message 2\n');
    expect(markdown.match(/^### (User|Assistant)/gm)).toHaveLength(10);
    expect(markdown.indexOf('message 3')).toBeLessThan(markdown.indexOf('message 13'));

    const empty = await ada.client.api.conversations.create({ domain: 'assistant' });
    expect((await ada.client.api.conversations.getHistory({ id: empty.id })).markdown).toContain(
      'No messages yet',
    );
  });
});

describe('conversations.clone', () => {
  it('copies messages with dense positions, summary, memory pad and versions in the same workspace', async () => {
    const { ada } = await twoUsers();
    const ws = await ada.client.api.workspaces.create({ domain: 'assistant', name: 'W' });
    const src = await ada.client.api.conversations.create({
      domain: 'assistant',
      workspaceId: ws.id,
    });
    await ada.client.api.conversations.rename({ id: src.id, title: 'Dynamic programming' });
    await ada.client.api.conversations.setMemoryPad({ id: src.id, text: 'pad' });
    await ada.client.api.conversations.setFlag({ id: src.id, flag: 'warning' });
    await ada.client.api.conversations.share({ id: src.id });
    db().update(conversations).set({ summary: 'sum' }).where(eq(conversations.id, src.id)).run();
    setActivity(src.id, new Date(Date.UTC(2024, 0, 1)));
    const inserted = addMessages(src.id, ada.id, [
      { content: 'q1', position: 0 },
      { content: 'a1', position: 3, model: 'gpt-x' },
      { content: 'q2', position: 7, hidden: true },
      { content: 'a2 partial', position: 9, status: 'streaming' },
    ]);
    const edited = inserted.find((m) => m.content === 'q1');
    db()
      .insert(messageVersions)
      .values({ messageId: edited?.id ?? '', version: 1, content: 'q1 before edit' })
      .run();
    const before = snapshot();

    const clone = await ada.client.api.conversations.clone({ id: src.id });
    expect(clone).toMatchObject({
      title: 'Dynamic programming (copy)',
      workspaceId: ws.id,
      domain: 'assistant',
      summary: 'sum',
      memoryPad: 'pad',
      flag: null,
      shared: false,
      shareToken: null,
    });
    expect(clone.id).not.toBe(src.id);
    expect(clone.lastActivityAt.getTime()).toBeGreaterThan(Date.UTC(2024, 0, 2));

    const copied = messageQueries.listAllMessages({ db: db(), conversationId: clone.id });
    expect(copied.map((m) => [m.position, m.content, m.role, m.hidden])).toEqual([
      [0, 'q1', 'user', false],
      [1, 'a1', 'assistant', false],
      [2, 'q2', 'user', true],
      [3, 'a2 partial', 'assistant', false],
    ]);
    expect(copied.every((m) => m.userId === ada.id)).toBe(true);
    expect(copied[1]?.model).toBe('gpt-x');
    expect(copied[3]?.status).toBe('interrupted');
    expect(copied.map((m) => m.id)).not.toContain(edited?.id);
    const versions = db()
      .select()
      .from(messageVersions)
      .where(eq(messageVersions.messageId, copied[0]?.id ?? ''))
      .all();
    expect(versions.map((v) => v.content)).toEqual(['q1 before edit']);

    // The source is untouched.
    const after = snapshot();
    expect(after.conversations.filter((c) => c.id !== clone.id)).toEqual(before.conversations);
    expect(after.messages.filter((m) => m.conversationId !== clone.id)).toEqual(before.messages);

    // A 200-character title stays within the limit.
    await ada.client.api.conversations.rename({ id: src.id, title: 't'.repeat(200) });
    const long = await ada.client.api.conversations.clone({ id: src.id });
    expect(long.title).toHaveLength(200);
    expect(long.title.endsWith(' (copy)')).toBe(true);
  });
});

describe('conversations.delete', () => {
  it('cascades to messages, versions and section states', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const keep = await ada.client.api.conversations.create({ domain: 'assistant' });
    const [m] = addMessages(conv.id, ada.id, ['zebra crossing', 'answer']);
    addMessages(keep.id, ada.id, ['keep me']);
    db()
      .insert(messageVersions)
      .values({ messageId: m?.id ?? '', version: 1, content: 'old' })
      .run();
    db()
      .insert(sectionStates)
      .values({ conversationId: conv.id, sectionId: 's1', hidden: true })
      .run();
    expect(await ada.client.api.conversations.search({ query: 'zebra' })).toHaveLength(1);

    expect(await ada.client.api.conversations.delete({ id: conv.id })).toEqual({ ok: true });
    expect(conversationRow(conv.id)).toBeUndefined();
    expect(messageRows().map((r) => r.conversationId)).toEqual([keep.id]);
    expect(db().select().from(messageVersions).all()).toHaveLength(0);
    expect(db().select().from(sectionStates).all()).toHaveLength(0);
    expect(await ada.client.api.conversations.search({ query: 'zebra' })).toEqual([]);
    await expectTrpcCode(ada.client.api.conversations.get({ id: conv.id }), 'NOT_FOUND');
    await expectTrpcCode(ada.client.api.conversations.delete({ id: conv.id }), 'NOT_FOUND');
  });
});

describe('sharing', () => {
  it('shares with a stable unguessable token, public read hides private data, unshare revokes', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.rename({ id: conv.id, title: 'Shared chat' });
    await ada.client.api.conversations.setMemoryPad({ id: conv.id, text: 'PAD-SECRET' });
    db()
      .update(conversations)
      .set({ summary: 'SUMMARY-SECRET' })
      .where(eq(conversations.id, conv.id))
      .run();
    addMessages(conv.id, ada.id, [
      'visible question',
      { content: 'visible answer', model: 'gpt-x' },
      { content: 'HIDDEN-SECRET', hidden: true },
    ]);

    const link = await ada.client.api.conversations.share({ id: conv.id });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/shared/${link.token}`);
    expect(await ada.client.api.conversations.share({ id: conv.id })).toEqual(link);
    expect(conversationRow(conv.id)?.shareToken).toBe(link.token);
    expect(await ada.client.api.conversations.get({ id: conv.id })).toMatchObject({
      shared: true,
      shareToken: link.token,
      sharePath: link.path,
    });

    const anon = h.client();
    const shared = await anon.api.conversations.getShared({ token: link.token });
    expect(shared.conversation).toEqual({
      id: conv.id,
      title: 'Shared chat',
      domain: 'assistant',
      createdAt: conv.createdAt,
      lastActivityAt: conv.lastActivityAt,
    });
    expect(shared.messages.map((m) => m.content)).toEqual(['visible question', 'visible answer']);
    expect(shared.messages[1]).toEqual({
      id: expect.any(String) as string,
      role: 'assistant',
      content: 'visible answer',
      createdAt: expect.any(Date) as Date,
      model: 'gpt-x',
    });
    expect(shared.documents).toEqual([]);
    const json = JSON.stringify(shared);
    for (const secret of ['PAD-SECRET', 'SUMMARY-SECRET', 'HIDDEN-SECRET', ada.id, 'ada@']) {
      expect(json).not.toContain(secret);
    }

    expect(await ada.client.api.conversations.unshare({ id: conv.id })).toEqual({ ok: true });
    expect(conversationRow(conv.id)).toMatchObject({ shareToken: null, sharedAt: null });
    await expectTrpcCode(anon.api.conversations.getShared({ token: link.token }), 'NOT_FOUND');
    const again = await ada.client.api.conversations.share({ id: conv.id });
    expect(again.token).not.toBe(link.token);
    await expectTrpcCode(anon.api.conversations.getShared({ token: link.token }), 'NOT_FOUND');
    expect((await anon.api.conversations.getShared({ token: again.token })).messages).toHaveLength(
      2,
    );
  });

  it('unknown tokens are NOT_FOUND, bad ones BAD_REQUEST', async () => {
    await twoUsers();
    const anon = h.client();
    await expectTrpcCode(anon.api.conversations.getShared({ token: 'nope' }), 'NOT_FOUND');
    await expectTrpcCode(anon.api.conversations.getShared({ token: '' }), 'BAD_REQUEST');
    await expectTrpcCode(
      anon.api.conversations.getShared({ token: 'x'.repeat(500) }),
      'BAD_REQUEST',
    );
  });
});

describe('conversations.export', () => {
  it('exports Markdown and JSON with safe file names', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.rename({
      id: conv.id,
      title: '../Ünïcode: "Graphs" / BFS?',
    });
    const msgs = addMessages(conv.id, ada.id, [
      'What is BFS?',
      { content: 'Breadth-first search.', model: 'gpt-x' },
      { content: 'hidden note', hidden: true },
    ]);
    const md = await ada.client.api.conversations.export({ id: conv.id, format: 'markdown' });
    expect(md.filename).toMatch(/^unicode-graphs-bfs-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.content).toMatch(/^# \.\.\/Ünïcode: "Graphs" \/ BFS\?\n/);
    expect(md.content).toContain('## User\n\nWhat is BFS?');
    expect(md.content).toContain('## Assistant (gpt-x)\n\nBreadth-first search.');

    const js = await ada.client.api.conversations.export({ id: conv.id, format: 'json' });
    expect(js.filename).toMatch(/^unicode-graphs-bfs-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(js.content) as {
      conversation: { id: string; title: string };
      messages: { id: string; role: string; content: string; status: string; hidden: boolean }[];
    };
    expect(parsed.conversation).toMatchObject({
      id: conv.id,
      title: '../Ünïcode: "Graphs" / BFS?',
    });
    expect(parsed.messages.map((m) => [m.id, m.role, m.content, m.status, m.hidden])).toEqual(
      msgs.map((m) => [m.id, m.role, m.content, 'complete', m.hidden]),
    );

    const blank = await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.rename({ id: blank.id, title: '???' });
    expect(
      (await ada.client.api.conversations.export({ id: blank.id, format: 'markdown' })).filename,
    ).toMatch(/^conversation-\d{4}-\d{2}-\d{2}\.md$/);
  });
});

describe('conversations.search', () => {
  it('orders very common terms newest first instead of scoring every match', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    appendMessages({
      db: h.services.db,
      conversationId: conv.id,
      userId: ada.id,
      messages: Array.from({ length: COMMON_MATCHES + 1 }, (_, i) => ({
        role: 'user' as const,
        content: `common word number ${i}`,
      })),
    });
    const hits = await ada.client.api.conversations.search({ query: 'common', limit: 3 });
    const plain = (snippet: string) =>
      snippet.split(SEARCH_HIGHLIGHT.start).join('').split(SEARCH_HIGHLIGHT.end).join('');
    expect(hits.map((hit) => plain(hit.snippet))).toEqual([
      `common word number ${COMMON_MATCHES}`,
      `common word number ${COMMON_MATCHES - 1}`,
      `common word number ${COMMON_MATCHES - 2}`,
    ]);
  });

  const weird = [
    'state-of-the-art',
    '"unbalanced',
    'NEAR(a b)',
    'foo*',
    'AND',
    'OR',
    'NOT',
    '(',
    ')',
    ':',
    'content:zebra',
    '^zebra',
    '+',
    '-zebra',
    '* * *',
    '""',
    "'",
    '\\',
    ';DROP TABLE messages;--',
    'ünïcödé',
    '数据库',
    '🙂',
    '',
    '   ',
    '\u0000zebra',
    'a'.repeat(500),
  ];

  it('never throws, whatever the query', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    addMessages(conv.id, ada.id, [
      'The state of the art in zebra research',
      'Unicode ünïcödé 数据库',
    ]);
    for (const query of weird) {
      const hits = await ada.client.api.conversations.search({ query });
      expect(Array.isArray(hits)).toBe(true);
    }
    for (const query of ['', '   ', '(', ':', '""', '* * *']) {
      expect(await ada.client.api.conversations.search({ query })).toEqual([]);
    }
  });

  it('finds known words (AND, prefix, hyphens, diacritics) only in the caller’s messages', async () => {
    const { ada, bob } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    await ada.client.api.conversations.rename({ id: conv.id, title: 'Zoo' });
    const [zebra, , uni] = addMessages(conv.id, ada.id, [
      'The state of the art in zebra research',
      'Giraffes are tall',
      'Unicode ünïcödé text',
    ]);
    const other = await ada.client.api.conversations.create({ domain: 'search' });
    addMessages(other.id, ada.id, ['zebra in the search tab']);
    const bobConv = await bob.client.api.conversations.create({ domain: 'assistant' });
    addMessages(bobConv.id, bob.id, ['bob also likes zebra research']);

    const hits = await ada.client.api.conversations.search({
      query: 'state-of-the-art zebra',
      domain: 'assistant',
    });
    expect(hits).toEqual([
      {
        conversationId: conv.id,
        messageId: zebra?.id,
        title: 'Zoo',
        snippet: expect.stringContaining(
          `${SEARCH_HIGHLIGHT.start}zebra${SEARCH_HIGHLIGHT.end}`,
        ) as string,
      },
    ]);
    expect(await ada.client.api.conversations.search({ query: 'zeb' })).toHaveLength(2);
    expect(await ada.client.api.conversations.search({ query: 'zebra', limit: 1 })).toHaveLength(1);
    expect(
      (await ada.client.api.conversations.search({ query: 'ZEBRA', domain: 'search' })).map(
        (x) => x.conversationId,
      ),
    ).toEqual([other.id]);
    expect(
      (await ada.client.api.conversations.search({ query: 'unicode' })).map((x) => x.messageId),
    ).toEqual([uni?.id]);
    expect(
      (await ada.client.api.conversations.search({ query: 'ünïcödé' })).map((x) => x.messageId),
    ).toEqual([uni?.id]);
    expect(await ada.client.api.conversations.search({ query: 'zebra giraffes' })).toEqual([]);
    expect(await ada.client.api.conversations.search({ query: 'giraffe' })).toHaveLength(1);

    const bobHits = await bob.client.api.conversations.search({ query: 'zebra' });
    expect(bobHits.map((x) => x.conversationId)).toEqual([bobConv.id]);
    expect(await bob.client.api.conversations.search({ query: 'giraffes' })).toEqual([]);
  });
});

describe('ownership', () => {
  it('another user’s conversation behaves exactly like a missing one on every procedure', async () => {
    const { ada, bob } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const ws = await ada.client.api.workspaces.create({ domain: 'assistant', name: 'Ada' });
    addMessages(conv.id, ada.id, ['private words']);
    await ada.client.api.conversations.share({ id: conv.id });
    const before = snapshot();
    const api = bob.client.api.conversations;
    const calls: ((id: string) => Promise<unknown>)[] = [
      (id) => api.get({ id }),
      (id) => api.rename({ id, title: 'pwned' }),
      (id) => api.setFlag({ id, flag: 'danger' }),
      (id) => api.setStateless({ id, stateless: true }),
      (id) => api.clone({ id }),
      (id) => api.delete({ id }),
      (id) => api.getMemoryPad({ id }),
      (id) => api.setMemoryPad({ id, text: 'pwned' }),
      (id) => api.getHistory({ id }),
      (id) => api.suggestions({ id }),
      (id) => api.share({ id }),
      (id) => api.unshare({ id }),
      (id) => api.export({ id, format: 'json' }),
      (id) => api.export({ id, format: 'markdown' }),
    ];
    for (const call of calls) {
      const foreign = await expectTrpcCode(call(conv.id), 'NOT_FOUND');
      const missing = await expectTrpcCode(call('missing-id'), 'NOT_FOUND');
      expect(foreign.message).toBe(missing.message);
    }
    const wsForeign = await expectTrpcCode(
      api.create({ domain: 'assistant', workspaceId: ws.id }),
      'NOT_FOUND',
    );
    const wsMissing = await expectTrpcCode(
      api.create({ domain: 'assistant', workspaceId: 'missing' }),
      'NOT_FOUND',
    );
    expect(wsForeign.message).toBe(wsMissing.message);
    await expectTrpcCode(api.list({ domain: 'assistant', workspaceId: ws.id }), 'NOT_FOUND');
    // Bob's own listing and search show nothing of Ada's.
    expect((await api.list({ domain: 'assistant' })).items).toEqual([]);
    expect(await api.search({ query: 'private' })).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses unauthenticated calls (except getShared)', async () => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const before = snapshot();
    const api = h.client().api.conversations;
    const id = conv.id;
    const calls: Promise<unknown>[] = [
      api.list({ domain: 'assistant' }),
      api.create({ domain: 'assistant' }),
      api.get({ id }),
      api.rename({ id, title: 'x' }),
      api.setFlag({ id, flag: null }),
      api.setStateless({ id, stateless: true }),
      api.clone({ id }),
      api.delete({ id }),
      api.getMemoryPad({ id }),
      api.setMemoryPad({ id, text: 'x' }),
      api.getHistory({ id }),
      api.suggestions({ id }),
      api.share({ id }),
      api.unshare({ id }),
      api.export({ id, format: 'json' }),
      api.search({ query: 'x' }),
    ];
    for (const call of calls) await expectTrpcCode(call, 'UNAUTHORIZED');
    expect(snapshot()).toEqual(before);
  });
});

describe('bad input', () => {
  type Call = (api: TestClient['api']['conversations'], id: string) => Promise<unknown>;
  const cases: [string, Call][] = [
    // @ts-expect-error unknown domain
    ['list: unknown domain', (api) => api.list({ domain: 'finance' })],
    ['list: limit 0', (api) => api.list({ domain: 'assistant', limit: 0 })],
    ['list: limit 201', (api) => api.list({ domain: 'assistant', limit: 201 })],
    ['list: fractional limit', (api) => api.list({ domain: 'assistant', limit: 1.5 })],
    ['list: empty cursor', (api) => api.list({ domain: 'assistant', cursor: '' })],
    ['list: garbage cursor', (api) => api.list({ domain: 'assistant', cursor: 'garbage' })],
    // @ts-expect-error missing domain
    ['create: no domain', (api) => api.create({})],
    ['create: empty workspace id', (api) => api.create({ domain: 'assistant', workspaceId: '' })],
    ['get: empty id', (api) => api.get({ id: '' })],
    ['get: huge id', (api) => api.get({ id: 'x'.repeat(65) })],
    // @ts-expect-error wrong type
    ['get: numeric id', (api) => api.get({ id: 42 })],
    ['rename: empty title', (api, id) => api.rename({ id, title: '' })],
    ['rename: blank title', (api, id) => api.rename({ id, title: '   ' })],
    ['rename: huge title', (api, id) => api.rename({ id, title: 'x'.repeat(201) })],
    // @ts-expect-error unknown colour
    ['setFlag: unknown colour', (api, id) => api.setFlag({ id, flag: 'red' })],
    // @ts-expect-error missing flag
    ['setFlag: missing flag', (api, id) => api.setFlag({ id })],
    // @ts-expect-error wrong type
    ['setStateless: string', (api, id) => api.setStateless({ id, stateless: 'yes' })],
    [
      'setMemoryPad: too long',
      (api, id) => api.setMemoryPad({ id, text: 'x'.repeat(CONVERSATION_LIMITS.memoryPadMax + 1) }),
    ],
    // @ts-expect-error unknown format
    ['export: unknown format', (api, id) => api.export({ id, format: 'pdf' })],
    ['search: huge query', (api) => api.search({ query: 'x'.repeat(501) })],
    // @ts-expect-error wrong type
    ['search: numeric query', (api) => api.search({ query: 5 })],
    ['search: limit 0', (api) => api.search({ query: 'x', limit: 0 })],
  ];
  it.each(cases)('%s → BAD_REQUEST, no writes', async (_name, call) => {
    const { ada } = await twoUsers();
    const conv = await ada.client.api.conversations.create({ domain: 'assistant' });
    const before = snapshot();
    const err = await expectTrpcCode(call(ada.client.api.conversations, conv.id), 'BAD_REQUEST');
    expect(err.message.length).toBeGreaterThan(0);
    expect(snapshot()).toEqual(before);
  });
});
