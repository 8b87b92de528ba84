/**
 * Test fixtures shared by caller tests: signed-in users and conversations created straight in the
 * database (so a test does not depend on the routers that normally create them).
 */
import { and, conversations, eq, workspaces, type ConversationRow } from '@margin/db';
import type { User } from '@margin/shared';
import type { TestClient, TestHarness } from './harness.js';

export const FIXTURE_PASSWORD = 'fixture password 1';

export interface SignedIn {
  client: TestClient;
  user: User;
}

/** The first user's client per harness: later sign-ups are created through it. */
const firstAdmins = new WeakMap<TestHarness, TestClient>();

/**
 * Signs a user up and in. The first user of a harness goes through `auth.setup` (and so is an
 * admin); later ones are created by that admin with `role` (default 'user'), then log in.
 */
export async function signUp(
  h: TestHarness,
  email: string,
  opts: { role?: 'admin' | 'user'; name?: string } = {},
): Promise<SignedIn> {
  const admin = firstAdmins.get(h);
  const client = h.client();
  if (!admin) {
    const user = await client.api.auth.setup({
      email,
      password: FIXTURE_PASSWORD,
      name: opts.name,
    });
    firstAdmins.set(h, client);
    return { client, user };
  }
  await admin.api.admin.users.create({
    email,
    password: FIXTURE_PASSWORD,
    name: opts.name,
    role: opts.role ?? 'user',
  });
  const user = await client.api.auth.login({ email, password: FIXTURE_PASSWORD });
  return { client, user };
}

/** The user's default ("General") workspace in `domain`, created when missing. */
export function ensureDefaultWorkspace(
  h: TestHarness,
  userId: string,
  domain = 'assistant',
): string {
  const { db } = h.services;
  const existing = db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(
      and(
        eq(workspaces.userId, userId),
        eq(workspaces.domain, domain),
        eq(workspaces.isDefault, true),
      ),
    )
    .get();
  if (existing) return existing.id;
  return db
    .insert(workspaces)
    .values({ userId, domain, name: 'General', isDefault: true })
    .returning({ id: workspaces.id })
    .get().id;
}

/** A conversation of `userId` in their default workspace (or `workspaceId`). */
export function insertConversation(
  h: TestHarness,
  userId: string,
  opts: { domain?: string; workspaceId?: string; title?: string } = {},
): ConversationRow {
  const domain = opts.domain ?? 'assistant';
  const workspaceId = opts.workspaceId ?? ensureDefaultWorkspace(h, userId, domain);
  return h.services.db
    .insert(conversations)
    .values({ userId, workspaceId, domain, title: opts.title ?? 'Test conversation' })
    .returning()
    .get();
}
