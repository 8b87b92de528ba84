/**
 * Every procedure of `appRouter`, attacked three ways: with no session (UNAUTHORIZED unless
 * public), by a normal user on admin procedures (FORBIDDEN), and by another user with Ada's ids
 * (NOT_FOUND, and not one row of the database changes). Procedures that only work on the
 * caller's own data must never return Ada's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { trpcErrorOf } from '../testing/expect-trpc.js';
import {
  FIXTURE_PASSWORD,
  insertConversation,
  signUp,
  type SignedIn,
} from '../testing/fixtures.js';
import { appendMessages } from '../services/messages.js';
import { settle, snapshot as dbSnapshot } from './call-helpers.js';
import { createOwnedFixtures, SECRET, type OwnedFixtures } from './authz-fixtures.js';
import { AUTHZ_MATRIX, type Api, type AttackerFixtures, type Call } from './authz-matrix.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: OwnedFixtures;
let bob: SignedIn;
let bobOwn: AttackerFixtures;

const snapshot = () => dbSnapshot(h.dbHandle);

function leaksFrom(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [SECRET, ...ada.ids].filter((s) => text.includes(s));
}

const anonymous = (): Api => h.client().api;

let loginCount = 0;
async function freshBobLogin(): Promise<Api> {
  const client = h.client({ ip: `10.0.0.${String(++loginCount)}` });
  await client.api.auth.login({ email: 'bob@example.com', password: FIXTURE_PASSWORD });
  return client.api;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  h = createTestHarness({ llm: fakeLlmConfig(fake.url), codeRunnerAvailable: false });
  ada = await createOwnedFixtures(h, fake);
  bob = await signUp(h, 'bob@example.com');
  const folder = await bob.client.api.workspaces.create({ domain: 'assistant', name: 'Bob' });
  const conversation = insertConversation(h, bob.user.id, { workspaceId: folder.id });
  const [message] = appendMessages({
    db: h.services.db,
    conversationId: conversation.id,
    userId: bob.user.id,
    messages: [{ role: 'assistant', content: 'bob answer' }],
  });
  bobOwn = {
    workspaceId: folder.id,
    conversationId: conversation.id,
    messageId: message?.id ?? '',
  };
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

const entries = Object.entries(AUTHZ_MATRIX);

describe('authorization matrix', () => {
  it('has exactly one entry per procedure of appRouter', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(AUTHZ_MATRIX).sort()).toEqual(procedures);
  });

  it.each(entries.filter(([, e]) => e.access !== 'public'))(
    '%s refuses a caller without a session',
    async (_path, entry) => {
      const call: Call | undefined =
        entry.access === 'owned' ? entry.calls[0] : 'call' in entry ? entry.call : undefined;
      if (!call) throw new Error('entry without a call');
      const before = snapshot();
      const err = await trpcErrorOf(settle(call(anonymous(), ada, bobOwn)));
      expect(err.code).toBe('UNAUTHORIZED');
      expect(snapshot()).toBe(before);
    },
  );

  it.each(entries.filter(([, e]) => e.access === 'admin'))(
    '%s refuses a user who is not an admin',
    async (_path, entry) => {
      if (entry.access !== 'admin') return;
      const before = snapshot();
      const err = await trpcErrorOf(settle(entry.call(bob.client.api, ada, bobOwn)));
      expect(err.code).toBe('FORBIDDEN');
      expect(snapshot()).toBe(before);
    },
  );

  it.each(entries.filter(([, e]) => e.access === 'owned'))(
    "%s answers NOT_FOUND to another user's ids and changes nothing",
    async (_path, entry) => {
      if (entry.access !== 'owned') return;
      for (const call of entry.calls) {
        const before = snapshot();
        const err = await trpcErrorOf(settle(call(bob.client.api, ada, bobOwn)));
        expect({ code: err.code, message: err.message }).toMatchObject({ code: 'NOT_FOUND' });
        expect(leaksFrom(err.message)).toEqual([]);
        expect(snapshot()).toBe(before);
      }
    },
  );

  it.each(entries.filter(([, e]) => e.access === 'own' || e.access === 'public'))(
    "%s never returns Ada's data to someone else",
    async (_path, entry) => {
      if (entry.access !== 'own' && entry.access !== 'public') return;
      if (!entry.call) return;
      const api = entry.access === 'public' ? anonymous() : bob.client.api;
      const result = await settle(entry.call(api, ada, bobOwn)).catch((err: unknown) => err);
      expect(leaksFrom(result)).toEqual([]);
    },
  );

  it.each(entries.filter(([, e]) => e.access === 'session'))(
    "%s acts on the caller's own account only",
    async (_path, entry) => {
      if (entry.access !== 'session') return;
      const adaBefore = await ada.ada.client.api.auth.me();
      await settle(entry.call(await freshBobLogin(), ada, bobOwn));
      // Ada's session still works and her account is untouched.
      expect(await ada.ada.client.api.auth.me()).toEqual(adaBefore);
      if (_path === 'auth.changePassword') {
        const api = h.client({ ip: '10.0.1.1' }).api;
        await api.auth.login({ email: 'bob@example.com', password: 'another password 2' });
        await api.auth.changePassword({
          currentPassword: 'another password 2',
          newPassword: FIXTURE_PASSWORD,
        });
      }
      // Bob's main session survives everything but "log out everywhere", run last.
    },
  );

  it('a shared page is reachable only with its token', async () => {
    const err = await trpcErrorOf(anonymous().conversations.getShared({ token: 'x'.repeat(32) }));
    expect(err.code).toBe('NOT_FOUND');
    const page = await anonymous().conversations.getShared({ token: ada.shareToken });
    expect(JSON.stringify(page)).not.toContain(`${SECRET} pad`);
  });
});
