/**
 * Whole-account export and import: reads of everything one user owns (per conversation, so an
 * export can stream), id look-ups that let an import keep ids, and the multi-row inserts of the
 * tables that have no insert of their own elsewhere. Run the inserts inside one transaction.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { AccountSummary } from '@margin/shared';
import { batches } from '../batches.js';
import type { Executor } from '../client.js';
import { documents } from '../schema/documents.js';
import { doubts, type DoubtRow } from '../schema/doubts.js';
import {
  conversations,
  messages,
  prompts,
  promptVersions,
  sectionStates,
  workspaces,
  type PromptRow,
  type PromptVersionRow,
  type WorkspaceRow,
} from '../schema/organise.js';
import { claims, conversationClaims, messageClaimUses } from '../schema/pkb.js';
import { importedRows } from '../schema/account.js';

/** Ids per IN list, and rows per multi-row insert (≤ 12 values each): far below 32766 bound values. */
const BATCH = 500;

/** Every workspace of the user, all domains (parents do not necessarily come first). */
export function listUserWorkspaces({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): WorkspaceRow[] {
  return db
    .select()
    .from(workspaces)
    .where(eq(workspaces.userId, userId))
    .orderBy(asc(workspaces.domain), asc(workspaces.position), asc(workspaces.id))
    .all();
}

/** Ids of the user's kept conversations (temporary chats left out), oldest first. */
export function listExportableConversationIds({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): string[] {
  return db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.userId, userId), eq(conversations.stateless, false)))
    .orderBy(asc(conversations.createdAt), asc(conversations.id))
    .all()
    .map((r) => r.id);
}

/** Every doubt of a conversation, oldest first (so a parent comes before its follow-ups). */
export function listConversationDoubts({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): DoubtRow[] {
  return db
    .select()
    .from(doubts)
    .where(eq(doubts.conversationId, conversationId))
    .orderBy(asc(doubts.createdAt), asc(doubts.id))
    .all();
}

/** Ids of the sections hidden in a conversation. */
export function listHiddenSectionIds({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): string[] {
  return db
    .select({ sectionId: sectionStates.sectionId })
    .from(sectionStates)
    .where(and(eq(sectionStates.conversationId, conversationId), eq(sectionStates.hidden, true)))
    .orderBy(asc(sectionStates.sectionId))
    .all()
    .map((r) => r.sectionId);
}

/** Memory pins and exclusions of a conversation, oldest first. */
export function listConversationClaimModes({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): { claimId: string; mode: 'pinned' | 'excluded' }[] {
  return db
    .select({ claimId: conversationClaims.claimId, mode: conversationClaims.mode })
    .from(conversationClaims)
    .where(eq(conversationClaims.conversationId, conversationId))
    .orderBy(asc(conversationClaims.createdAt), asc(conversationClaims.claimId))
    .all();
}

export type MessageClaimUseRow = typeof messageClaimUses.$inferSelect;

/** Which memories each answer of a conversation used. */
export function listConversationClaimUses({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): MessageClaimUseRow[] {
  return db
    .select({ use: messageClaimUses })
    .from(messageClaimUses)
    .innerJoin(messages, eq(messages.id, messageClaimUses.messageId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messageClaimUses.messageId), asc(messageClaimUses.position))
    .all()
    .map((r) => r.use);
}

/** The user's personal prompts by name. */
export function listPersonalPrompts({ db, userId }: { db: Executor; userId: string }): PromptRow[] {
  return db
    .select()
    .from(prompts)
    .where(and(eq(prompts.ownerId, userId), eq(prompts.scope, 'personal')))
    .orderBy(asc(prompts.name))
    .all();
}

/** Earlier versions of the user's personal prompts, oldest first per prompt. */
export function listPersonalPromptVersions({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): PromptVersionRow[] {
  return db
    .select({ version: promptVersions })
    .from(promptVersions)
    .innerJoin(prompts, eq(prompts.id, promptVersions.promptId))
    .where(and(eq(prompts.ownerId, userId), eq(prompts.scope, 'personal')))
    .orderBy(asc(promptVersions.promptId), asc(promptVersions.version))
    .all()
    .map((r) => r.version);
}

type IdTable =
  typeof workspaces | typeof conversations | typeof messages | typeof doubts | typeof documents;

const ID_TABLES = { workspaces, conversations, messages, doubts, documents } as const;

/**
 * Which of `ids` exist in `table`, and who owns each: an import keeps an id that is free, finds
 * its own earlier import by an id it owns, and renames ids another user has.
 */
export function findIdOwners({
  db,
  table,
  ids,
}: {
  db: Executor;
  table: keyof typeof ID_TABLES;
  ids: readonly string[];
}): Map<string, string> {
  const t: IdTable = ID_TABLES[table];
  const owners = new Map<string, string>();
  for (const part of batches([...new Set(ids)], BATCH)) {
    for (const row of db
      .select({ id: t.id, userId: t.userId })
      .from(t)
      .where(inArray(t.id, part))
      .all())
      owners.set(row.id, row.userId);
  }
  return owners;
}

export function insertWorkspaces({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof workspaces.$inferInsert)[];
}): void {
  for (const part of batches(rows, BATCH)) db.insert(workspaces).values(part).run();
}

export function insertDoubts({ db, rows }: { db: Executor; rows: (typeof doubts.$inferInsert)[] }) {
  for (const part of batches(rows, BATCH)) db.insert(doubts).values(part).run();
}

export function insertHiddenSections({
  db,
  conversationId,
  sectionIds,
  at,
}: {
  db: Executor;
  conversationId: string;
  sectionIds: readonly string[];
  at: Date;
}): void {
  const rows = sectionIds.map((sectionId) => ({
    conversationId,
    sectionId,
    hidden: true,
    updatedAt: at,
  }));
  for (const part of batches(rows, BATCH))
    db.insert(sectionStates).values(part).onConflictDoNothing().run();
}

export function insertConversationClaimModes({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof conversationClaims.$inferInsert)[];
}): void {
  for (const part of batches(rows, BATCH))
    db.insert(conversationClaims).values(part).onConflictDoNothing().run();
}

export function insertClaimUses({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof messageClaimUses.$inferInsert)[];
}): void {
  for (const part of batches(rows, BATCH))
    db.insert(messageClaimUses).values(part).onConflictDoNothing().run();
}

type ImportedKind = (typeof importedRows.$inferSelect)['kind'];

/** File id → the id an earlier import of this account gave it (the row may since be deleted). */
export function findImportedIds({
  db,
  userId,
  kind,
  sourceIds,
}: {
  db: Executor;
  userId: string;
  kind: ImportedKind;
  sourceIds: readonly string[];
}): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of batches([...new Set(sourceIds)], BATCH)) {
    for (const row of db
      .select({ sourceId: importedRows.sourceId, localId: importedRows.localId })
      .from(importedRows)
      .where(
        and(
          eq(importedRows.userId, userId),
          eq(importedRows.kind, kind),
          inArray(importedRows.sourceId, part),
        ),
      )
      .all())
      found.set(row.sourceId, row.localId);
  }
  return found;
}

/** Remembers which row each file id became (replacing an older answer for the same file id). */
export function recordImportedIds({
  db,
  userId,
  kind,
  rows,
}: {
  db: Executor;
  userId: string;
  kind: ImportedKind;
  rows: readonly { sourceId: string; localId: string }[];
}): void {
  for (const part of batches(rows, BATCH))
    db.insert(importedRows)
      .values(part.map((r) => ({ userId, kind, ...r })))
      .onConflictDoUpdate({
        target: [importedRows.userId, importedRows.kind, importedRows.sourceId],
        set: { localId: sql`excluded.local_id`, createdAt: new Date() },
      })
      .run();
}

/** How much an export of the user holds (temporary chats and their contents left out). */
export function countAccount({ db, userId }: { db: Executor; userId: string }): AccountSummary {
  const kept = and(eq(conversations.userId, userId), eq(conversations.stateless, false));
  const one = <T>(row: T | undefined, fallback: T): T => row ?? fallback;
  const ws = one(
    db.select({ n: count() }).from(workspaces).where(eq(workspaces.userId, userId)).get(),
    { n: 0 },
  );
  const convs = one(db.select({ n: count() }).from(conversations).where(kept).get(), { n: 0 });
  const msgs = one(
    db
      .select({ n: count() })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(kept)
      .get(),
    { n: 0 },
  );
  const docs = one(
    db
      .select({ n: count(), bytes: sql<number>`coalesce(sum(${documents.size}), 0)` })
      .from(documents)
      .innerJoin(conversations, eq(conversations.id, documents.conversationId))
      .where(kept)
      .get(),
    { n: 0, bytes: 0 },
  );
  const personal = one(
    db
      .select({ n: count() })
      .from(prompts)
      .where(and(eq(prompts.ownerId, userId), eq(prompts.scope, 'personal')))
      .get(),
    { n: 0 },
  );
  const mems = one(db.select({ n: count() }).from(claims).where(eq(claims.userId, userId)).get(), {
    n: 0,
  });
  return {
    workspaces: ws.n,
    conversations: convs.n,
    messages: msgs.n,
    documents: docs.n,
    documentBytes: docs.bytes,
    prompts: personal.n,
    memories: mems.n,
  };
}
