import { and, asc, count, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { conversations, workspaces, type WorkspaceRow } from '../schema/organise.js';
import { prepared } from '../prepared.js';

export type WorkspaceWithCount = WorkspaceRow & { conversationCount: number };

/** The workspace if it exists and belongs to `userId`. */
export function findWorkspace({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): WorkspaceRow | undefined {
  return prepared(db, findWorkspaceQuery).get({ id, userId });
}

const findWorkspaceQuery = (db: Executor) =>
  db
    .select()
    .from(workspaces)
    .where(
      and(
        eq(workspaces.id, sql.placeholder('id')),
        eq(workspaces.userId, sql.placeholder('userId')),
      ),
    )
    .prepare();

export function findDefaultWorkspace({
  db,
  userId,
  domain,
}: {
  db: Executor;
  userId: string;
  domain: string;
}): WorkspaceRow | undefined {
  return db
    .select()
    .from(workspaces)
    .where(
      and(
        eq(workspaces.userId, userId),
        eq(workspaces.domain, domain),
        eq(workspaces.isDefault, true),
      ),
    )
    .get();
}

/**
 * Inserts the default workspace unless one exists; the partial unique index makes a concurrent
 * second insert a no-op instead of a duplicate.
 */
export function insertDefaultWorkspaceIfMissing({
  db,
  userId,
  domain,
  name,
  position,
}: {
  db: Executor;
  userId: string;
  domain: string;
  name: string;
  position: number;
}): void {
  db.insert(workspaces)
    .values({ userId, domain, name, isDefault: true, expanded: true, position })
    .onConflictDoNothing()
    .run();
}

export function insertWorkspace({
  db,
  workspace,
}: {
  db: Executor;
  workspace: typeof workspaces.$inferInsert;
}): WorkspaceRow {
  return db.insert(workspaces).values(workspace).returning().get();
}

/** A user's workspaces in one domain, ordered by position, each with its own conversation count (temporary chats excluded). */
export function listWorkspacesWithCounts({
  db,
  userId,
  domain,
}: {
  db: Executor;
  userId: string;
  domain: string;
}): WorkspaceWithCount[] {
  const counts = db
    .select({ workspaceId: conversations.workspaceId, n: count().as('n') })
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        eq(conversations.domain, domain),
        eq(conversations.stateless, false),
      ),
    )
    .groupBy(conversations.workspaceId)
    .as('counts');
  return db
    .select({ workspace: workspaces, n: sql<number>`coalesce(${counts.n}, 0)` })
    .from(workspaces)
    .leftJoin(counts, eq(counts.workspaceId, workspaces.id))
    .where(and(eq(workspaces.userId, userId), eq(workspaces.domain, domain)))
    .orderBy(asc(workspaces.position), asc(workspaces.createdAt), asc(workspaces.id))
    .all()
    .map((r) => ({ ...r.workspace, conversationCount: r.n }));
}

export function countWorkspaceConversations({
  db,
  workspaceId,
}: {
  db: Executor;
  workspaceId: string;
}): number {
  return (
    db
      .select({ n: count() })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.stateless, false)))
      .get()?.n ?? 0
  );
}

/** The position after the last sibling under `parentId` (null = top level). */
export function nextSiblingPosition({
  db,
  userId,
  domain,
  parentId,
}: {
  db: Executor;
  userId: string;
  domain: string;
  parentId: string | null;
}): number {
  const row = db
    .select({ last: max(workspaces.position) })
    .from(workspaces)
    .where(
      and(
        eq(workspaces.userId, userId),
        eq(workspaces.domain, domain),
        parentId === null ? isNull(workspaces.parentId) : eq(workspaces.parentId, parentId),
      ),
    )
    .get();
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/** Direct sub-folders of a workspace, in order. */
export function listChildWorkspaces({
  db,
  parentId,
}: {
  db: Executor;
  parentId: string;
}): WorkspaceRow[] {
  return db
    .select()
    .from(workspaces)
    .where(eq(workspaces.parentId, parentId))
    .orderBy(asc(workspaces.position), asc(workspaces.createdAt), asc(workspaces.id))
    .all();
}

export function updateWorkspace({
  db,
  id,
  userId,
  changes,
}: {
  db: Executor;
  id: string;
  userId: string;
  changes: Partial<
    Pick<WorkspaceRow, 'name' | 'color' | 'expanded' | 'parentId' | 'position' | 'systemPrompt'>
  >;
}): WorkspaceRow | undefined {
  return db
    .update(workspaces)
    .set(changes)
    .where(and(eq(workspaces.id, id), eq(workspaces.userId, userId)))
    .returning()
    .get();
}

/** Which of `ids` exist and belong to `userId`. */
export function findOwnedWorkspaceIds({
  db,
  userId,
  ids,
}: {
  db: Executor;
  userId: string;
  ids: string[];
}): string[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.userId, userId), inArray(workspaces.id, ids)))
    .all()
    .map((r) => r.id);
}

export function setWorkspacesExpanded({
  db,
  userId,
  ids,
  expanded,
}: {
  db: Executor;
  userId: string;
  ids: string[];
  expanded: boolean;
}): number {
  if (ids.length === 0) return 0;
  return db
    .update(workspaces)
    .set({ expanded })
    .where(and(eq(workspaces.userId, userId), inArray(workspaces.id, ids)))
    .run().changes;
}

/** Moves every conversation (temporary ones included) of one workspace into another. */
export function moveAllConversations({
  db,
  fromWorkspaceId,
  toWorkspaceId,
}: {
  db: Executor;
  fromWorkspaceId: string;
  toWorkspaceId: string;
}): number {
  return db
    .update(conversations)
    .set({ workspaceId: toWorkspaceId })
    .where(eq(conversations.workspaceId, fromWorkspaceId))
    .run().changes;
}

export function deleteWorkspace({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): number {
  return db
    .delete(workspaces)
    .where(and(eq(workspaces.id, id), eq(workspaces.userId, userId)))
    .run().changes;
}
