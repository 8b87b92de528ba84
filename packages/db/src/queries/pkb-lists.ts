/** Filters, pages, full-text search and the tags/entities of claims (part of `pkbQueries`). */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { claimEntities, claims, claimTags, pkbEntities, pkbTags } from '../schema/pkb.js';
import {
  batches,
  inList as list,
  recordColumns,
  type ClaimEntityLink,
  type ClaimRecord,
  type ClaimStatus,
  type Entity,
} from './pkb-common.js';

// FILTERS (raw SQL over the `claims` table, shared by lists and search)

export interface ClaimFilter {
  userId: string;
  statuses?: readonly ClaimStatus[] | undefined;
  /** Every status but these (used for "all but retracted"). */
  notStatuses?: readonly ClaimStatus[] | undefined;
  types?: readonly string[] | undefined;
  domains?: readonly string[] | undefined;
  /** `study` matches `study` and `study/…`. */
  tag?: string | undefined;
  /** Entity name, case-insensitive, any type. */
  entity?: string | undefined;
  pinned?: boolean | undefined;
  /** Valid at this moment: valid_from ≤ t and (valid_to null or ≥ t); a null valid_from is always. */
  validAt?: Date | undefined;
  excludeIds?: readonly string[] | undefined;
}

export function claimFilterSql(f: ClaimFilter): SQL {
  const terms: SQL[] = [sql`claims.user_id = ${f.userId}`];
  if (f.statuses)
    terms.push(f.statuses.length ? sql`claims.status IN (${list(f.statuses)})` : sql`0`);
  if (f.notStatuses?.length) terms.push(sql`claims.status NOT IN (${list(f.notStatuses)})`);
  if (f.types?.length) terms.push(sql`claims.type IN (${list(f.types)})`);
  if (f.domains?.length) terms.push(sql`claims.domain IN (${list(f.domains)})`);
  if (f.pinned !== undefined) terms.push(sql`claims.pinned = ${f.pinned ? 1 : 0}`);
  if (f.validAt) {
    const t = f.validAt.getTime();
    terms.push(
      sql`(claims.valid_from IS NULL OR claims.valid_from <= ${t}) AND (claims.valid_to IS NULL OR claims.valid_to >= ${t})`,
    );
  }
  if (f.tag !== undefined) {
    // substr, not LIKE: tag names may contain `_` and `%`.
    terms.push(sql`claims.id IN (SELECT ct.claim_id FROM claim_tags ct JOIN pkb_tags t ON t.id = ct.tag_id
      WHERE t.user_id = ${f.userId} AND (t.name = ${f.tag} OR substr(t.name, 1, ${f.tag.length + 1}) = ${`${f.tag}/`}))`);
  }
  if (f.entity !== undefined) {
    terms.push(sql`claims.id IN (SELECT ce.claim_id FROM claim_entities ce JOIN pkb_entities e ON e.id = ce.entity_id
      WHERE e.user_id = ${f.userId} AND e.name = ${f.entity} COLLATE NOCASE)`);
  }
  if (f.excludeIds?.length) terms.push(sql`claims.id NOT IN (${list(f.excludeIds)})`);
  return sql.join(terms, sql` AND `);
}

/** Keyset position: (updated_at desc, rowid desc). */
export interface ClaimCursor {
  updatedAt: number;
  rowid: number;
}

/** One page of claims, newest change first, with the total matching the filters. */
export function listClaims({
  db,
  filter,
  ftsQuery,
  cursor,
  limit,
}: {
  db: Executor;
  filter: ClaimFilter;
  /** A safe FTS5 expression; null means nothing can match. */
  ftsQuery?: string | null | undefined;
  cursor?: ClaimCursor | undefined;
  limit: number;
}): { rows: (ClaimRecord & { rowid: number })[]; total: number } {
  if (ftsQuery === null) return { rows: [], total: 0 };
  const where = sql.join(
    [
      claimFilterSql(filter),
      ...(ftsQuery !== undefined
        ? [sql`claims.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ${ftsQuery})`]
        : []),
    ],
    sql` AND `,
  );
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM claims WHERE ${where}`).n;
  const page = cursor
    ? sql`AND (claims.updated_at < ${cursor.updatedAt} OR (claims.updated_at = ${cursor.updatedAt} AND claims.rowid < ${cursor.rowid}))`
    : sql``;
  const rows = db
    .select(recordColumns)
    .from(claims)
    .where(sql`${where} ${page}`)
    .orderBy(desc(claims.updatedAt), desc(claims.rowid))
    .limit(limit)
    .all();
  return { rows, total };
}

/** Globally pinned active and contested claims, newest change first. */
export function listPinnedClaims({ db, userId }: { db: Executor; userId: string }): ClaimRecord[] {
  return (
    db
      .select(recordColumns)
      .from(claims)
      .where(
        and(
          eq(claims.userId, userId),
          eq(claims.pinned, true),
          inArray(claims.status, ['active', 'contested']),
        ),
      )
      // Unary plus: the few pinned rows are found through (user_id, pinned) and then sorted;
      // ordering by the (user_id, updated_at) index would walk every claim of the user instead.
      .orderBy(sql`+${claims.updatedAt} desc`, desc(claims.rowid))
      .all()
  );
}

/**
 * BM25 over the caller's claims passing `filter`, best first (bm25: lower is better). The scope
 * is a rowid set (index-only for user and status), never a join: a claim row carries its
 * embedding, and reading one per match costs more than the ranking.
 */
export function searchClaimsFts({
  db,
  filter,
  ftsQuery,
  limit,
}: {
  db: Executor;
  filter: ClaimFilter;
  ftsQuery: string;
  limit: number;
}): { rowid: number; bm25: number }[] {
  return db.all<{ rowid: number; bm25: number }>(sql`
    SELECT rowid, bm25(claims_fts) AS bm25 FROM claims_fts
    WHERE claims_fts MATCH ${ftsQuery}
      AND +rowid IN (SELECT rowid FROM claims WHERE ${claimFilterSql(filter)})
    ORDER BY bm25, rowid
    LIMIT ${limit}
  `);
}

/**
 * BM25 over every user's claims, best first: the fast first try of a search, whose hits the
 * caller filters (see `filterClaimRowids`) and falls back to `searchClaimsFts` when too few of
 * them pass.
 */
export function searchAllClaimsFts({
  db,
  ftsQuery,
  limit,
}: {
  db: Executor;
  ftsQuery: string;
  limit: number;
}): { rowid: number; bm25: number }[] {
  return db.all<{ rowid: number; bm25: number }>(sql`
    SELECT rowid, bm25(claims_fts) AS bm25 FROM claims_fts
    WHERE claims_fts MATCH ${ftsQuery}
    ORDER BY bm25, rowid
    LIMIT ${limit}
  `);
}

/** Rowids of the caller's claims passing `filter` among `rowids` (post-filtering vector hits). */
export function filterClaimRowids({
  db,
  filter,
  rowids,
}: {
  db: Executor;
  filter: ClaimFilter;
  rowids: readonly number[];
}): Set<number> {
  const out = new Set<number>();
  for (const batch of batches(rowids))
    for (const r of db.all<{ rowid: number }>(
      sql`SELECT rowid FROM claims WHERE rowid IN (${list(batch)}) AND ${claimFilterSql(filter)}`,
    ))
      out.add(r.rowid);
  return out;
}

/** Rowids of every claim passing `filter` (for tag/entity filters of vector search). */
export function listClaimRowids({
  db,
  filter,
}: {
  db: Executor;
  filter: ClaimFilter;
}): Set<number> {
  return new Set(
    db
      .all<{ rowid: number }>(sql`SELECT rowid FROM claims WHERE ${claimFilterSql(filter)}`)
      .map((r) => r.rowid),
  );
}

// LINKS OF A PAGE OF CLAIMS (batched: one query per kind, whatever the page size)

export function listClaimTags({ db, claimIds }: { db: Executor; claimIds: readonly string[] }): {
  claimId: string;
  name: string;
}[] {
  return batches(claimIds).flatMap((batch) =>
    db
      .select({ claimId: claimTags.claimId, name: pkbTags.name })
      .from(claimTags)
      .innerJoin(pkbTags, eq(pkbTags.id, claimTags.tagId))
      .where(inArray(claimTags.claimId, batch))
      .orderBy(asc(pkbTags.name))
      .all(),
  );
}

export function listClaimEntities({
  db,
  claimIds,
}: {
  db: Executor;
  claimIds: readonly string[];
}): (ClaimEntityLink & { claimId: string })[] {
  return batches(claimIds).flatMap((batch) =>
    db
      .select({
        claimId: claimEntities.claimId,
        name: pkbEntities.name,
        type: pkbEntities.type,
        role: claimEntities.role,
      })
      .from(claimEntities)
      .innerJoin(pkbEntities, eq(pkbEntities.id, claimEntities.entityId))
      .where(inArray(claimEntities.claimId, batch))
      .orderBy(asc(pkbEntities.name), asc(claimEntities.role))
      .all(),
  );
}

/** Entities with the number of the caller's non-retracted claims linked to each. */
export function listEntitiesWithCounts({ db, userId }: { db: Executor; userId: string }) {
  return db.all<{ name: string; type: Entity['type']; claimCount: number }>(sql`
    SELECT e.name AS name, e.type AS type, count(DISTINCT c.id) AS claimCount
    FROM pkb_entities e
    JOIN claim_entities ce ON ce.entity_id = e.id
    JOIN claims c ON c.id = ce.claim_id AND c.status != 'retracted'
    WHERE e.user_id = ${userId}
    GROUP BY e.id ORDER BY claimCount DESC, e.name`);
}

/** Tags with the number of the caller's non-retracted claims carrying each. */
export function listTagsWithCounts({ db, userId }: { db: Executor; userId: string }) {
  return db.all<{ name: string; claimCount: number }>(sql`
    SELECT t.name AS name, count(DISTINCT c.id) AS claimCount
    FROM pkb_tags t
    JOIN claim_tags ct ON ct.tag_id = t.id
    JOIN claims c ON c.id = ct.claim_id AND c.status != 'retracted'
    WHERE t.user_id = ${userId}
    GROUP BY t.id ORDER BY t.name`);
}
