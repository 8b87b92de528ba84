/**
 * The personal knowledge base: claims with their tags and entities. Every function is scoped by
 * `userId`; a claim of another user looks missing. Multi-row writes expect the caller's
 * transaction. Lists and search, conflicts and pins, embeddings and export live in the modules
 * re-exported at the end (one `pkbQueries` namespace).
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  claimEntities,
  claims,
  claimTags,
  conflictMembers,
  conflictSets,
  pkbEntities,
  pkbTags,
  type ClaimRow,
} from '../schema/pkb.js';
import {
  batches,
  recordColumns,
  type ClaimEntityLink,
  type ClaimRecord,
  type ClaimStatus,
  type Entity,
} from './pkb-common.js';
import { openConflictClaimIds } from './pkb-conflicts.js';
import { listClaimEntities, listClaimTags } from './pkb-lists.js';

export type { ClaimEntityLink, ClaimRecord, ClaimStatus } from './pkb-common.js';

// TAGS AND ENTITIES

/** Tag ids by name, created when missing. */
function tagIds(db: Executor, userId: string, names: readonly string[]): string[] {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  db.insert(pkbTags)
    .values(unique.map((name) => ({ userId, name })))
    .onConflictDoNothing()
    .run();
  return db
    .select({ id: pkbTags.id })
    .from(pkbTags)
    .where(and(eq(pkbTags.userId, userId), inArray(pkbTags.name, unique)))
    .all()
    .map((r) => r.id);
}

/** Entity ids keyed `type\u0000name`, created when missing. */
function entityIds(db: Executor, userId: string, entities: readonly Entity[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entities) {
    const key = `${e.type}\u0000${e.name}`;
    if (out.has(key)) continue;
    db.insert(pkbEntities)
      .values({ userId, name: e.name, type: e.type })
      .onConflictDoNothing()
      .run();
    const row = db
      .select({ id: pkbEntities.id })
      .from(pkbEntities)
      .where(
        and(
          eq(pkbEntities.userId, userId),
          eq(pkbEntities.type, e.type),
          eq(pkbEntities.name, e.name),
        ),
      )
      .get();
    if (row) out.set(key, row.id);
  }
  return out;
}

/** Replaces a claim's tags and entities and refreshes its `search_text` (FTS follows by trigger). */
function linkClaim(
  db: Executor,
  userId: string,
  claimId: string,
  tags: readonly string[],
  entities: readonly ClaimEntityLink[],
): void {
  db.delete(claimTags).where(eq(claimTags.claimId, claimId)).run();
  db.delete(claimEntities).where(eq(claimEntities.claimId, claimId)).run();
  const tIds = tagIds(db, userId, tags);
  if (tIds.length > 0)
    db.insert(claimTags)
      .values(tIds.map((tagId) => ({ claimId, tagId })))
      .run();
  const eIds = entityIds(db, userId, entities);
  const links = entities.flatMap((e) => {
    const entityId = eIds.get(`${e.type}\u0000${e.name}`);
    return entityId ? [{ claimId, entityId, role: e.role }] : [];
  });
  if (links.length > 0) db.insert(claimEntities).values(links).onConflictDoNothing().run();
  const searchText = [...new Set(tags), ...new Set(entities.map((e) => e.name))].join(' ');
  // Raw update: refreshing the index text is not an edit (updated_at stays).
  db.run(sql`UPDATE claims SET search_text = ${searchText} WHERE id = ${claimId}`);
}

// CLAIMS

export type NewClaim = Omit<typeof claims.$inferInsert, 'userId' | 'rowid' | 'searchText'>;

/** Inserts a claim with its tags and entities (get-or-create); returns the row without embedding. */
export function insertClaim({
  db,
  userId,
  claim,
  tags,
  entities,
}: {
  db: Executor;
  userId: string;
  claim: NewClaim;
  tags: readonly string[];
  entities: readonly ClaimEntityLink[];
}): ClaimRecord {
  const row = db
    .insert(claims)
    .values({ ...claim, userId })
    .returning(recordColumns)
    .get();
  linkClaim(db, userId, row.id, tags, entities);
  return row;
}

export type ClaimChanges = Partial<
  Pick<
    ClaimRow,
    | 'statement'
    | 'normalized'
    | 'type'
    | 'domain'
    | 'status'
    | 'confidence'
    | 'validFrom'
    | 'validTo'
    | 'pinned'
    | 'embedding'
    | 'embeddingModel'
  >
>;

/** Updates the caller's claim (and replaces tags/entities when given); undefined when not theirs. */
export function updateClaim({
  db,
  userId,
  id,
  changes,
  tags,
  entities,
}: {
  db: Executor;
  userId: string;
  id: string;
  changes: ClaimChanges;
  tags?: readonly string[] | undefined;
  entities?: readonly ClaimEntityLink[] | undefined;
}): ClaimRecord | undefined {
  const [row] = db
    .update(claims)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(claims.id, id), eq(claims.userId, userId)))
    .returning(recordColumns)
    .all();
  if (!row) return undefined;
  if (tags !== undefined || entities !== undefined) {
    linkClaim(
      db,
      userId,
      id,
      tags ?? listClaimTags({ db, claimIds: [id] }).map((t) => t.name),
      entities ?? listClaimEntities({ db, claimIds: [id] }),
    );
  }
  return row;
}

/**
 * Hard-deletes the caller's claim: links, FTS row, conversation pins and conflict membership go
 * with it (cascades and trigger). A conflict left with fewer than two members is deleted, and
 * its remaining claim is no longer contested unless another open conflict holds it.
 */
export function deleteClaim({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): boolean {
  const conflicts = db
    .select({ id: conflictMembers.conflictId })
    .from(conflictMembers)
    .where(eq(conflictMembers.claimId, id))
    .all()
    .map((r) => r.id);
  const deleted =
    db
      .delete(claims)
      .where(and(eq(claims.id, id), eq(claims.userId, userId)))
      .run().changes > 0;
  if (deleted && conflicts.length > 0) pruneConflicts(db, userId, conflicts);
  return deleted;
}

function pruneConflicts(db: Executor, userId: string, conflictIds: readonly string[]): void {
  for (const conflictId of conflictIds) {
    const members = db
      .select({ claimId: conflictMembers.claimId })
      .from(conflictMembers)
      .where(eq(conflictMembers.conflictId, conflictId))
      .all()
      .map((r) => r.claimId);
    if (members.length >= 2) continue;
    db.delete(conflictSets)
      .where(and(eq(conflictSets.id, conflictId), eq(conflictSets.userId, userId)))
      .run();
    const stillContested = new Set(openConflictClaimIds({ db, userId, claimIds: members }));
    const restore = members.filter((m) => !stillContested.has(m));
    if (restore.length > 0)
      db.update(claims)
        .set({ status: 'active' })
        .where(
          and(
            eq(claims.userId, userId),
            inArray(claims.id, restore),
            eq(claims.status, 'contested'),
          ),
        )
        .run();
  }
}

export function findClaim({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): ClaimRecord | undefined {
  return db
    .select(recordColumns)
    .from(claims)
    .where(and(eq(claims.id, id), eq(claims.userId, userId)))
    .get();
}

/** The caller's claims among `ids` (any order), optionally only with these statuses. */
export function findClaimsByIds({
  db,
  userId,
  ids,
  statuses,
}: {
  db: Executor;
  userId: string;
  ids: readonly string[];
  statuses?: readonly ClaimStatus[] | undefined;
}): ClaimRecord[] {
  return batches([...new Set(ids)]).flatMap((batch) =>
    db
      .select(recordColumns)
      .from(claims)
      .where(
        and(
          eq(claims.userId, userId),
          inArray(claims.id, batch),
          statuses ? inArray(claims.status, [...statuses]) : undefined,
        ),
      )
      .all(),
  );
}

export function findClaimsByRowids({
  db,
  userId,
  rowids,
}: {
  db: Executor;
  userId: string;
  rowids: readonly number[];
}): ClaimRecord[] {
  return batches(rowids).flatMap((batch) =>
    db
      .select(recordColumns)
      .from(claims)
      .where(and(eq(claims.userId, userId), inArray(claims.rowid, batch)))
      .all(),
  );
}

/** Non-retracted claims whose normalised statement is one of `normalized` (exact duplicates). */
export function findClaimsByNormalized({
  db,
  userId,
  normalized,
}: {
  db: Executor;
  userId: string;
  normalized: readonly string[];
}): ClaimRecord[] {
  return batches([...new Set(normalized)]).flatMap((batch) =>
    db
      .select(recordColumns)
      .from(claims)
      .where(
        and(
          eq(claims.userId, userId),
          inArray(claims.normalized, batch),
          ne(claims.status, 'retracted'),
        ),
      )
      .orderBy(asc(claims.rowid))
      .all(),
  );
}

/** Sets the status of the caller's claims among `ids`; returns how many changed. */
export function setClaimStatus({
  db,
  userId,
  ids,
  status,
}: {
  db: Executor;
  userId: string;
  ids: readonly string[];
  status: ClaimStatus;
}): number {
  if (ids.length === 0) return 0;
  return db
    .update(claims)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(claims.userId, userId), inArray(claims.id, [...ids])))
    .run().changes;
}

export * from './pkb-lists.js';
export * from './pkb-conflicts.js';
export * from './pkb-vectors.js';
