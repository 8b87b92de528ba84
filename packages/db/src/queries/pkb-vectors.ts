/** Stored claim embeddings, and whole-PKB reads and deletes for export/import (part of `pkbQueries`). */
import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { claims, conflictSets, pkbEntities, pkbTags, type ClaimRow } from '../schema/pkb.js';
import {
  batches,
  inList as list,
  recordColumns,
  type ClaimRecord,
  type ClaimStatus,
} from './pkb-common.js';

// EMBEDDINGS

/** Stores embeddings without touching `updated_at` (embedding is not an edit). */
export function saveClaimEmbeddings({
  db,
  userId,
  rows,
}: {
  db: Executor;
  userId: string;
  rows: readonly { rowid: number; embedding: Buffer; model: string }[];
}): void {
  for (const r of rows)
    db.run(
      sql`UPDATE claims SET embedding = ${r.embedding}, embedding_model = ${r.model} WHERE rowid = ${r.rowid} AND user_id = ${userId}`,
    );
}

/** Claims of the user without an embedding (or embedded by another model), oldest first. */
export function listClaimsMissingEmbedding({
  db,
  userId,
  model,
  limit,
}: {
  db: Executor;
  userId: string;
  model: string;
  limit: number;
}): { rowid: number; statement: string }[] {
  return db
    .select({ rowid: claims.rowid, statement: claims.statement })
    .from(claims)
    .where(
      and(
        eq(claims.userId, userId),
        or(
          isNull(claims.embedding),
          isNull(claims.embeddingModel),
          ne(claims.embeddingModel, model),
        ),
      ),
    )
    .orderBy(asc(claims.rowid))
    .limit(limit)
    .all();
}

export interface ClaimVectorRow {
  rowid: number;
  embedding: Buffer;
  status: ClaimStatus;
  type: ClaimRow['type'];
  domain: ClaimRow['domain'];
  validFrom: number | null;
  validTo: number | null;
}

/** Every embedded claim of the user (with the attributes search filters on), rowid order. */
export function listClaimVectors({
  db,
  userId,
  model,
}: {
  db: Executor;
  userId: string;
  model: string;
}): ClaimVectorRow[] {
  return db.all<ClaimVectorRow>(sql`
    SELECT rowid, embedding, status, type, domain, valid_from AS validFrom, valid_to AS validTo
    FROM claims WHERE user_id = ${userId} AND embedding IS NOT NULL AND embedding_model = ${model}
    ORDER BY rowid`);
}

/** The embedded rows among `rowids` (changed claims patched into a cached matrix). */
export function listClaimVectorsByRowids({
  db,
  userId,
  model,
  rowids,
}: {
  db: Executor;
  userId: string;
  model: string;
  rowids: readonly number[];
}): ClaimVectorRow[] {
  return batches(rowids).flatMap((batch) =>
    db.all<ClaimVectorRow>(sql`
      SELECT rowid, embedding, status, type, domain, valid_from AS validFrom, valid_to AS validTo
      FROM claims WHERE user_id = ${userId} AND rowid IN (${list(batch)})
        AND embedding IS NOT NULL AND embedding_model = ${model}`),
  );
}

// EXPORT / IMPORT

export function listAllClaims({ db, userId }: { db: Executor; userId: string }): ClaimRecord[] {
  return db
    .select(recordColumns)
    .from(claims)
    .where(eq(claims.userId, userId))
    .orderBy(asc(claims.rowid))
    .all();
}

/** Which of `ids` exist at all (any user): imported ids are kept only when free. */
export function existingClaimIds({
  db,
  ids,
}: {
  db: Executor;
  ids: readonly string[];
}): Set<string> {
  const out = new Set<string>();
  for (const batch of batches(ids))
    for (const r of db
      .select({ id: claims.id })
      .from(claims)
      .where(inArray(claims.id, batch))
      .all())
      out.add(r.id);
  return out;
}

/** Deletes the user's claims, tags, entities and conflicts (links and FTS rows follow). */
export function deleteUserPkb({ db, userId }: { db: Executor; userId: string }): void {
  db.delete(conflictSets).where(eq(conflictSets.userId, userId)).run();
  db.delete(claims).where(eq(claims.userId, userId)).run();
  db.delete(pkbTags).where(eq(pkbTags.userId, userId)).run();
  db.delete(pkbEntities).where(eq(pkbEntities.userId, userId)).run();
}
