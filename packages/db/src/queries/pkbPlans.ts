/**
 * The personal knowledge base's review side: stored proposal plans (per user, with an expiry),
 * which claims each answer used, and per-user PKB settings. Every read is scoped by `userId`.
 */
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  claims,
  messageClaimUses,
  pkbPlans,
  pkbSettings,
  type ClaimRow,
  type PkbPlanRow,
} from '../schema/pkb.js';
import { prepared } from '../prepared.js';

// PLANS

export function insertPlan({
  db,
  plan,
}: {
  db: Executor;
  plan: typeof pkbPlans.$inferInsert;
}): PkbPlanRow {
  return db.insert(pkbPlans).values(plan).returning().get();
}

/** The caller's plan, or undefined (another user's looks missing). */
export function findPlan({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): PkbPlanRow | undefined {
  return db
    .select()
    .from(pkbPlans)
    .where(and(eq(pkbPlans.id, id), eq(pkbPlans.userId, userId)))
    .get();
}

/** The newest chat plan of the conversation. */
export function findLatestChatPlan({
  db,
  userId,
  conversationId,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
}): PkbPlanRow | undefined {
  return db
    .select()
    .from(pkbPlans)
    .where(
      and(
        eq(pkbPlans.userId, userId),
        eq(pkbPlans.conversationId, conversationId),
        eq(pkbPlans.kind, 'chat'),
      ),
    )
    .orderBy(desc(pkbPlans.createdAt))
    .limit(1)
    .get();
}

/** Deletes the caller's plan; returns whether there was one. */
export function deletePlan({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): boolean {
  return (
    db
      .delete(pkbPlans)
      .where(and(eq(pkbPlans.id, id), eq(pkbPlans.userId, userId)))
      .run().changes > 0
  );
}

/** Deletes the caller's earlier plans for one answer (a new proposal replaces them). */
export function deleteMessagePlans({
  db,
  userId,
  messageId,
}: {
  db: Executor;
  userId: string;
  messageId: string;
}): number {
  return db
    .delete(pkbPlans)
    .where(and(eq(pkbPlans.userId, userId), eq(pkbPlans.messageId, messageId)))
    .run().changes;
}

/** Deletes the caller's plans that expired before `now`. */
export function deleteExpiredPlans({
  db,
  userId,
  now,
}: {
  db: Executor;
  userId: string;
  now: Date;
}): number {
  return db
    .delete(pkbPlans)
    .where(and(eq(pkbPlans.userId, userId), lt(pkbPlans.expiresAt, now)))
    .run().changes;
}

// MEMORY USE PER ANSWER

export type NewMessageClaimUse = typeof messageClaimUses.$inferInsert;

export function insertMessageClaimUses({
  db,
  rows,
}: {
  db: Executor;
  rows: readonly NewMessageClaimUse[];
}): void {
  // Rows come from one answer: ≤ a few dozen, far below the bound-parameter limit.
  if (rows.length > 0)
    db.insert(messageClaimUses)
      .values([...rows])
      .run();
}

const { embedding: _embedding, ...claimColumns } = getTableColumns(claims);

/** Whether the user has any active or contested claim: lets a reply skip memory search. */
export function hasRecallableClaims({ db, userId }: { db: Executor; userId: string }): boolean {
  return prepared(db, hasRecallableClaimsQuery).get({ userId }) !== undefined;
}

const hasRecallableClaimsQuery = (db: Executor) =>
  db
    .select({ one: claims.rowid })
    .from(claims)
    .where(
      and(
        eq(claims.userId, sql.placeholder('userId')),
        inArray(claims.status, ['active', 'contested']),
      ),
    )
    .limit(1)
    .prepare();

export interface MessageClaimUseRecord {
  claim: Omit<ClaimRow, 'embedding'>;
  via: NewMessageClaimUse['via'];
  why: NewMessageClaimUse['why'];
  position: number;
}

/** The caller's claims an answer used, in the order they were given to the model. */
export function listMessageClaimUses({
  db,
  userId,
  messageId,
}: {
  db: Executor;
  userId: string;
  messageId: string;
}): MessageClaimUseRecord[] {
  return db
    .select({
      claim: claimColumns,
      via: messageClaimUses.via,
      why: messageClaimUses.why,
      position: messageClaimUses.position,
    })
    .from(messageClaimUses)
    .innerJoin(claims, eq(claims.id, messageClaimUses.claimId))
    .where(and(eq(messageClaimUses.messageId, messageId), eq(claims.userId, userId)))
    .orderBy(asc(messageClaimUses.position))
    .all();
}

// SETTINGS

export function findPkbSettings({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): typeof pkbSettings.$inferSelect | undefined {
  return prepared(db, findPkbSettingsQuery).get({ userId });
}

const findPkbSettingsQuery = (db: Executor) =>
  db
    .select()
    .from(pkbSettings)
    .where(eq(pkbSettings.userId, sql.placeholder('userId')))
    .prepare();

export function upsertPkbSettings({
  db,
  userId,
  autoPropose,
}: {
  db: Executor;
  userId: string;
  autoPropose: boolean;
}): typeof pkbSettings.$inferSelect {
  return db
    .insert(pkbSettings)
    .values({ userId, autoPropose })
    .onConflictDoUpdate({ target: pkbSettings.userId, set: { autoPropose, updatedAt: new Date() } })
    .returning()
    .get();
}
