import { documentQueries, documents, eq } from '@margin/db';
import { accountExportSchema, type AccountExport } from '@margin/shared';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot } from '../security/call-helpers.js';
import { documentFilePath } from '../services/documents/storage.js';
import {
  exportOf,
  importFile,
  seedAccount,
  settleJobs,
  type SeededAccount,
} from '../testing/account.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { signUp, type SignedIn } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
let seeded: SeededAccount;

beforeEach(async () => {
  h = createTestHarness();
  ada = await signUp(h, 'ada@example.com', { name: 'Ada' });
  bob = await signUp(h, 'bob@example.com', { name: 'Bob' });
  seeded = await seedAccount(h, ada);
});
afterEach(() => h.close());

/**
 * The export with what legitimately differs between two accounts taken out: ids, the export's own
 * date and owner, each account's own default workspace, and when a document was last indexed.
 */
function comparable(text: string): unknown {
  const { exportedAt: _at, account: _account, ...data } = JSON.parse(text) as AccountExport;
  data.workspaces = data.workspaces
    .filter((w) => !w.isDefault)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const c of data.conversations) {
    for (const d of c.documents) d.updatedAt = new Date(0);
    // Doubts asked in the same millisecond have no order of their own.
    c.doubts.sort((a, b) => a.question.localeCompare(b.question));
  }
  const ids = ['id', 'workspaceId', 'parentId', 'messageId', 'claimId', 'claimIds', 'exportedAt'];
  return JSON.parse(JSON.stringify(data), (key, value: unknown) =>
    ids.includes(key) ? undefined : value,
  );
}

/** Waits for the indexing jobs of the user's documents (an import starts one per document). */
async function waitForDocuments(who: SignedIn): Promise<void> {
  const rows = h.services.db
    .select({ jobId: documents.jobId })
    .from(documents)
    .where(eq(documents.userId, who.user.id))
    .all();
  await settleJobs(
    h,
    rows.flatMap((r) => (r.jobId === null ? [] : [r.jobId])),
  );
}

describe('account.summary', () => {
  it('counts what an export holds, temporary chats left out', async () => {
    const summary = await ada.client.api.account.summary();
    expect(summary).toEqual({
      workspaces: 3,
      conversations: 1,
      messages: 4,
      documents: 1,
      documentBytes: Buffer.byteLength(seeded.documentText),
      prompts: 1,
      memories: 1,
    });
    expect(await bob.client.api.account.summary()).toMatchObject({
      conversations: 0,
      messages: 0,
      documents: 0,
      documentBytes: 0,
    });
  });

  it('needs a session', async () => {
    await expectTrpcCode(h.client().api.account.summary(), 'UNAUTHORIZED');
  });
});

describe('account export', () => {
  it('holds everything of the account and nothing of anyone else', async () => {
    const text = await exportOf(h, ada);
    const data: AccountExport = accountExportSchema.parse(JSON.parse(text));
    expect(data.account).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(data.profile).toEqual({
      memory: 'I study electrical engineering.',
      preferences: 'Short answers.',
    });
    expect(data.workspaces.map((w) => w.name).sort()).toEqual(['Chapter 2', 'General', 'Thesis']);
    const child = data.workspaces.find((w) => w.name === 'Chapter 2');
    expect(child).toMatchObject({
      parentId: seeded.workspaceId,
      systemPrompt: 'Answer like a patient tutor.',
    });
    expect(data.conversations).toHaveLength(1);
    const [c] = data.conversations;
    expect(c).toMatchObject({
      id: seeded.conversationId,
      title: 'Fourier series',
      workspaceId: seeded.childWorkspaceId,
    });
    expect(c?.messages.map((m) => [m.position, m.role, m.status])).toEqual([
      [0, 'user', 'complete'],
      [1, 'assistant', 'complete'],
      [2, 'user', 'complete'],
      // Still "generating" when exported: nothing will finish it in the file.
      [3, 'assistant', 'interrupted'],
    ]);
    expect(c?.messages[0]?.content).toBe('What is a Fourier series, simply?');
    expect(c?.messages[0]?.versions.map((v) => v.content)).toEqual(['What is a Fourier series?']);
    expect(c?.messages[1]?.memoryUses).toEqual([
      { claimId: seeded.claimId, via: 'pinned', why: { rrf: 0 }, position: 0 },
    ]);
    expect(c?.hiddenSections).toEqual(['why-it-matters']);
    const doubts = new Map(c?.doubts.map((d) => [d.question, d]));
    expect([...doubts.keys()].sort()).toEqual(['Eigen what?', 'Why sines?']);
    expect(doubts.get('Eigen what?')?.parentId).toBe(doubts.get('Why sines?')?.id);
    expect(c?.memoryPins).toEqual([{ claimId: seeded.claimId, mode: 'pinned' }]);
    expect(c?.documents).toHaveLength(1);
    expect(Buffer.from(c?.documents[0]?.content ?? '', 'base64').toString()).toBe(
      seeded.documentText,
    );
    expect(data.prompts).toEqual([
      expect.objectContaining({
        name: 'tutor',
        content: 'Explain step by step, with an example.',
        version: 2,
        versions: [expect.objectContaining({ version: 1, content: 'Explain step by step.' })],
      }),
    ]);
    expect(data.memory.claims.map((m) => m.statement)).toEqual([
      'I am writing a thesis on signal processing',
    ]);
    expect(text).not.toContain(bob.user.id);
    expect(text).not.toContain(seeded.temporaryConversationId);
  });
});

describe('account.import', () => {
  it('re-creates the account in another one: the second export equals the first', async () => {
    const text = await exportOf(h, ada);
    const result = await importFile(bob, text);
    expect(result).toEqual({
      // Bob's own default "General" takes the file's; Thesis and Chapter 2 are new.
      workspaces: { created: 2, existing: 0 },
      conversations: { created: 1, existing: 0 },
      messages: 4,
      doubts: 2,
      documents: { created: 1, reindexing: 1 },
      prompts: { created: 1, renamed: 0, existing: 0 },
      memory: { created: 1, skipped: 0 },
      profileUpdated: true,
    });
    await waitForDocuments(bob);
    const [conversation] = (await bob.client.api.conversations.list({ domain: 'assistant' })).items;
    expect(conversation?.title).toBe('Fourier series');
    // Ada's ids are hers: Bob's copies have their own.
    expect(conversation?.id).not.toBe(seeded.conversationId);
    const doc = (
      await bob.client.api.documents.list({ conversationId: conversation?.id ?? '' })
    )[0];
    expect(doc).toMatchObject({ filename: 'notes.md', status: 'ready' });
    const row = documentQueries.findDocument({ db: h.services.db, id: doc?.id ?? '' });
    expect(
      readFileSync(
        documentFilePath(h.services.config.documents.filesDir, row?.storageKey ?? ''),
      ).toString(),
    ).toBe(seeded.documentText);
    expect(comparable(await exportOf(h, bob))).toEqual(comparable(text));
    // Ada's account is as it was.
    expect(comparable(await exportOf(h, ada))).toEqual(comparable(text));
  });

  it("keeps the file's order among sibling workspaces, however the file lists them", async () => {
    const text = await exportOf(h, ada);
    const data = JSON.parse(text) as AccountExport;
    // Children before parents, and "General" last: the order must not matter.
    data.workspaces.sort((a, b) => Number(a.parentId === null) - Number(b.parentId === null));
    data.workspaces.sort((a, b) => Number(a.isDefault) - Number(b.isDefault));
    await bob.client.api.workspaces.create({ domain: 'assistant', name: 'Bob first' });
    await importFile(bob, JSON.stringify(data));
    const names = (await bob.client.api.workspaces.list({ domain: 'assistant' }))
      .filter((w) => w.parentId === null)
      .map((w) => w.name);
    expect(names).toEqual(['General', 'Bob first', 'Thesis']);
    const tree = await bob.client.api.workspaces.list({ domain: 'assistant' });
    const thesis = tree.find((w) => w.name === 'Thesis');
    expect(tree.filter((w) => w.parentId === thesis?.id).map((w) => w.name)).toEqual(['Chapter 2']);
  });

  it('adds nothing when the same file is imported again', async () => {
    const text = await exportOf(h, ada);
    await importFile(bob, text);
    await waitForDocuments(bob);
    const before = snapshot(h.dbHandle);
    const again = await importFile(bob, text);
    expect(again).toEqual({
      workspaces: { created: 0, existing: 2 },
      conversations: { created: 0, existing: 1 },
      messages: 0,
      doubts: 0,
      documents: { created: 0, reindexing: 0 },
      prompts: { created: 0, renamed: 0, existing: 1 },
      memory: { created: 0, skipped: 1 },
      profileUpdated: false,
    });
    expect(snapshot(h.dbHandle)).toBe(before);
  });

  it('keeps the ids on another server, so links in notes still point at the same things', async () => {
    const text = await exportOf(h, ada);
    const other = createTestHarness();
    try {
      const carol = await signUp(other, 'carol@example.com');
      // Carol has no workspace yet, and the file lists children first and "General" last.
      const data = JSON.parse(text) as AccountExport;
      data.workspaces.sort((a, b) => Number(a.parentId === null) - Number(b.parentId === null));
      data.workspaces.sort((a, b) => Number(a.isDefault) - Number(b.isDefault));
      await importFile(carol, JSON.stringify(data));
      // Into an empty account the copy is exact, workspace positions included.
      expect(comparable(await exportOf(other, carol))).toEqual(comparable(text));
      const list = await carol.client.api.conversations.list({ domain: 'assistant' });
      expect(list.items.map((c) => c.id)).toEqual([seeded.conversationId]);
      const messages = await carol.client.api.messages.list({
        conversationId: seeded.conversationId,
      });
      expect(messages.items.map((m) => m.id)).toEqual(seeded.messageIds);
    } finally {
      await other.close();
    }
  });

  it('merges with what the account has: prompts renamed, profile appended', async () => {
    await bob.client.api.prompts.create({ name: 'tutor', content: 'Something else entirely.' });
    await bob.client.api.users.updateProfile({ memory: 'I like chess.' });
    const result = await importFile(bob, await exportOf(h, ada));
    expect(result.prompts).toEqual({ created: 1, renamed: 1, existing: 0 });
    const names = (await bob.client.api.prompts.list())
      .filter((p) => p.scope === 'personal')
      .map((p) => p.name);
    expect(names.sort()).toEqual(['tutor', 'tutor_2']);
    expect((await bob.client.api.users.getProfile()).memory).toBe(
      'I like chess.\n\nI study electrical engineering.',
    );
  });

  it("never touches another account's rows when a file carries their ids", async () => {
    const text = await exportOf(h, ada);
    const adaBefore = comparable(await exportOf(h, ada));
    // Bob imports Ada's file: every id in it is taken by Ada.
    await importFile(bob, text);
    await waitForDocuments(bob);
    expect(comparable(await exportOf(h, ada))).toEqual(adaBefore);
    const adaRaw = JSON.parse(await exportOf(h, ada)) as AccountExport;
    expect(adaRaw.conversations.map((c) => c.title)).toEqual(['Fourier series']);
    const bobList = await bob.client.api.conversations.list({ domain: 'assistant' });
    expect(bobList.items.every((c) => c.id !== seeded.conversationId)).toBe(true);
  });

  it('refuses a second import while one runs', async () => {
    const text = await exportOf(h, ada);
    const [first, second] = await Promise.allSettled([
      importFile(bob, text),
      importFile(bob, text),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    if (second.status === 'rejected')
      expect((second.reason as { code?: string }).code).toBe('CONFLICT');
  });
});
