/**
 * Export and import of a user's whole PKB (format 'margin-pkb', version 1): claims with tags and
 * entities, and conflicts by member ids. Import runs in one transaction; embeddings are not part
 * of the format and are recomputed afterwards (a first batch at once, the rest lazily by search).
 */
import { pkbQueries, type Executor } from '@margin/db';
import type { PkbExport, importPkbInput } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AppServices } from '../../trpc.js';
import { claimsChanged, embedMissingClaims } from './embeddings.js';
import { normalizeStatement } from './normalize.js';
import { toClaims } from './views.js';

/** Claims per `toClaims` call: bounds the size of each IN list. */
const PAGE = 500;

export function exportPkb({
  services,
  userId,
}: {
  services: AppServices;
  userId: string;
}): PkbExport {
  const { db } = services;
  const rows = pkbQueries.listAllClaims({ db, userId });
  const claims: PkbExport['claims'] = [];
  for (let i = 0; i < rows.length; i += PAGE) {
    for (const c of toClaims(db, rows.slice(i, i + PAGE))) {
      claims.push({
        id: c.id,
        statement: c.statement,
        type: c.type,
        domain: c.domain,
        status: c.status,
        confidence: c.confidence,
        validFrom: c.validFrom,
        validTo: c.validTo,
        pinned: c.pinned,
        source: c.source,
        tags: c.tags,
        entities: c.entities,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      });
    }
  }
  const conflicts = pkbQueries.listConflictsInOrder({ db, userId });
  const members = pkbQueries.listConflictMembers({ db, conflictIds: conflicts.map((c) => c.id) });
  return {
    format: 'margin-pkb',
    version: 1,
    exportedAt: new Date(),
    claims,
    conflicts: conflicts.map((c) => ({
      status: c.status,
      reason: c.reason,
      claimIds: members.filter((m) => m.conflictId === c.id).map((m) => m.claimId),
      origin: c.origin,
      createdAt: c.createdAt,
      resolvedAt: c.resolvedAt,
    })),
  };
}

export interface ImportResult {
  created: number;
  /** Claims already present (same normalised statement), in `merge` mode. */
  skipped: number;
  conflicts: number;
}

/**
 * Imports an export. `replace` deletes the user's claims, tags, entities and conflicts first;
 * `merge` skips claims whose normalised statement the user already has. Ids are kept when free
 * and regenerated when another row has them; conflicts follow the mapping.
 */
export async function importPkb({
  services,
  userId,
  input,
}: {
  services: AppServices;
  userId: string;
  input: z.output<typeof importPkbInput>;
}): Promise<ImportResult> {
  const { result } = services.db.transaction((tx) =>
    importPkbRows({ db: tx, userId, data: input.data, mode: input.mode }),
  );
  await afterPkbImport({ services, userId });
  return result;
}

/**
 * The writes of an import, for a caller's open transaction. Returns the counts and the id each
 * exported claim has now (its own, a new one, or the user's existing claim with that statement).
 */
export function importPkbRows({
  db: tx,
  userId,
  data,
  mode,
}: {
  db: Executor;
  userId: string;
  data: PkbExport;
  mode: 'merge' | 'replace';
}): { result: ImportResult; claimIds: Map<string, string> } {
  if (mode === 'replace') pkbQueries.deleteUserPkb({ db: tx, userId });
  const normalized = data.claims.map((c) => normalizeStatement(c.statement));
  const existing = new Map<string, string>();
  if (mode === 'merge')
    for (const row of pkbQueries.findClaimsByNormalized({ db: tx, userId, normalized }))
      if (!existing.has(row.normalized)) existing.set(row.normalized, row.id);
  const taken = pkbQueries.existingClaimIds({ db: tx, ids: data.claims.map((c) => c.id) });
  const idMap = new Map<string, string>();
  let created = 0;
  let skipped = 0;
  data.claims.forEach((c, i) => {
    const norm = normalized[i] ?? '';
    const same = existing.get(norm);
    if (same !== undefined) {
      idMap.set(c.id, same);
      skipped++;
      return;
    }
    const id = taken.has(c.id) || idMap.has(c.id) ? randomUUID() : c.id;
    pkbQueries.insertClaim({
      db: tx,
      userId,
      claim: {
        id,
        statement: c.statement,
        normalized: norm,
        type: c.type,
        domain: c.domain,
        status: c.status,
        confidence: c.confidence,
        validFrom: c.validFrom,
        validTo: c.validTo,
        pinned: c.pinned,
        source: c.source,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      },
      tags: c.tags,
      entities: c.entities,
    });
    idMap.set(c.id, id);
    existing.set(norm, id);
    created++;
  });
  let conflicts = 0;
  for (const conflict of data.conflicts) {
    const ids = [...new Set(conflict.claimIds.flatMap((id) => idMap.get(id) ?? []))];
    if (ids.length < 2) continue;
    pkbQueries.insertConflict({
      db: tx,
      userId,
      // Older files do not say who opened it or when: then it is the user's, dated now.
      origin: conflict.origin ?? 'manual',
      reason: conflict.reason,
      claimIds: ids,
      status: conflict.status,
      createdAt: conflict.createdAt,
      resolvedAt: conflict.status === 'resolved' ? (conflict.resolvedAt ?? new Date()) : null,
    });
    conflicts++;
  }
  return { result: { created, skipped, conflicts }, claimIds: idMap };
}

/** After an import commits: the vector cache is stale, and new claims need embeddings. */
export async function afterPkbImport({
  services,
  userId,
}: {
  services: AppServices;
  userId: string;
}): Promise<void> {
  claimsChanged(userId);
  // Best effort: the first batch now, the rest as searches come.
  await embedMissingClaims({ services, userId });
}
