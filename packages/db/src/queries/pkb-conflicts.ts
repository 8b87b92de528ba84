/** Conflicts and per-conversation pins and exclusions (part of `pkbQueries`). */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  conflictMembers,
  conflictSets,
  conversationClaims,
  type ConflictSetRow,
} from '../schema/pkb.js';
import { batches } from './pkb-common.js';

// CONFLICTS

export function insertConflict({
  db,
  userId,
  origin,
  reason,
  claimIds,
  status = 'open',
  createdAt,
  resolvedAt = null,
}: {
  db: Executor;
  userId: string;
  origin: ConflictSetRow['origin'];
  reason: string | null;
  claimIds: readonly string[];
  status?: ConflictSetRow['status'];
  /** Kept from an export; new conflicts are dated now. */
  createdAt?: Date;
  resolvedAt?: Date | null;
}): ConflictSetRow {
  const row = db
    .insert(conflictSets)
    .values({ userId, origin, reason, status, resolvedAt, ...(createdAt ? { createdAt } : {}) })
    .returning()
    .get();
  db.insert(conflictMembers)
    .values([...new Set(claimIds)].map((claimId) => ({ conflictId: row.id, claimId })))
    .run();
  return row;
}

export function findConflict({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): ConflictSetRow | undefined {
  return db
    .select()
    .from(conflictSets)
    .where(and(eq(conflictSets.id, id), eq(conflictSets.userId, userId)))
    .get();
}

/** The caller's conflicts, open ones first, newest first within each. */
export function listConflicts({ db, userId }: { db: Executor; userId: string }): ConflictSetRow[] {
  return db
    .select()
    .from(conflictSets)
    .where(eq(conflictSets.userId, userId))
    .orderBy(sql`${conflictSets.status} = 'open' DESC`, desc(conflictSets.createdAt))
    .all();
}

export function listConflictMembers({
  db,
  conflictIds,
}: {
  db: Executor;
  conflictIds: readonly string[];
}) {
  return batches(conflictIds).flatMap((batch) =>
    db
      .select({ conflictId: conflictMembers.conflictId, claimId: conflictMembers.claimId })
      .from(conflictMembers)
      .where(inArray(conflictMembers.conflictId, batch))
      // Insertion order (the table's implicit rowid): exports list members as they were given.
      .orderBy(sql`conflict_members.rowid`)
      .all(),
  );
}

export function resolveConflictRow({
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
      .update(conflictSets)
      .set({ status: 'resolved', resolvedAt: new Date() })
      .where(
        and(
          eq(conflictSets.id, id),
          eq(conflictSets.userId, userId),
          eq(conflictSets.status, 'open'),
        ),
      )
      .run().changes > 0
  );
}

/** Every conflict of the user in creation order (export). */
export function listConflictsInOrder({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): ConflictSetRow[] {
  return db
    .select()
    .from(conflictSets)
    .where(eq(conflictSets.userId, userId))
    .orderBy(asc(conflictSets.createdAt), sql`conflict_sets.rowid`)
    .all();
}

/** Which of `claimIds` are members of one of the caller's open conflicts. */
export function openConflictClaimIds({
  db,
  userId,
  claimIds,
}: {
  db: Executor;
  userId: string;
  claimIds: readonly string[];
}): string[] {
  if (claimIds.length === 0) return [];
  return db
    .selectDistinct({ claimId: conflictMembers.claimId })
    .from(conflictMembers)
    .innerJoin(conflictSets, eq(conflictSets.id, conflictMembers.conflictId))
    .where(
      and(
        eq(conflictSets.userId, userId),
        eq(conflictSets.status, 'open'),
        inArray(conflictMembers.claimId, [...claimIds]),
      ),
    )
    .all()
    .map((r) => r.claimId);
}

// CONVERSATION PINS AND EXCLUSIONS

export type ConversationClaimMode = 'pinned' | 'excluded';

/** Sets the claim's mode in the conversation (one row per pair: pinning replaces an exclusion). */
export function setConversationClaim({
  db,
  userId,
  conversationId,
  claimId,
  mode,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  claimId: string;
  mode: ConversationClaimMode;
}): void {
  db.insert(conversationClaims)
    .values({ userId, conversationId, claimId, mode })
    .onConflictDoUpdate({
      target: [conversationClaims.conversationId, conversationClaims.claimId],
      set: { mode, createdAt: new Date() },
    })
    .run();
}

/** Removes the claim's row in the conversation when it has this mode. */
export function unsetConversationClaim({
  db,
  userId,
  conversationId,
  claimId,
  mode,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  claimId: string;
  mode: ConversationClaimMode;
}): boolean {
  return (
    db
      .delete(conversationClaims)
      .where(
        and(
          eq(conversationClaims.userId, userId),
          eq(conversationClaims.conversationId, conversationId),
          eq(conversationClaims.claimId, claimId),
          eq(conversationClaims.mode, mode),
        ),
      )
      .run().changes > 0
  );
}

/** Claim ids with this mode in the conversation, oldest first. */
export function listConversationClaimIds({
  db,
  userId,
  conversationId,
  mode,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  mode: ConversationClaimMode;
}): string[] {
  return db
    .select({ claimId: conversationClaims.claimId })
    .from(conversationClaims)
    .where(
      and(
        eq(conversationClaims.userId, userId),
        eq(conversationClaims.conversationId, conversationId),
        eq(conversationClaims.mode, mode),
      ),
    )
    .orderBy(asc(conversationClaims.createdAt))
    .all()
    .map((r) => r.claimId);
}

export function clearConversationClaims({
  db,
  userId,
  conversationId,
  mode,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  mode: ConversationClaimMode;
}): number {
  return db
    .delete(conversationClaims)
    .where(
      and(
        eq(conversationClaims.userId, userId),
        eq(conversationClaims.conversationId, conversationId),
        eq(conversationClaims.mode, mode),
      ),
    )
    .run().changes;
}
