/**
 * Conflicts: sets of two or more memories that cannot all be true. Users flag them by hand; on
 * create and edit, a claim close to an existing active one (cosine in
 * [CONFLICT_MIN_COSINE, DUPLICATE_COSINE)) is checked by the `fast` model, and a contradiction
 * opens a conflict automatically. Without a fast model (or without embeddings to find the
 * close claims) there is no automatic detection: only manual flagging.
 */
import { TRPCError } from '@trpc/server';
import { pkbQueries, type ConflictSetRow, type Executor } from '@margin/db';
import type { Conflict } from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { claimsChanged, PKB_THRESHOLDS, rankClaims, type ClaimMatrix } from './embeddings.js';
import { claimNotFound, toClaims } from './views.js';

/** Close existing claims checked per new claim, and model calls per request at most. */
const CANDIDATES_PER_CLAIM = 3;
const MAX_CHECKS = 10;

const { CONFLICT_MIN_COSINE, DUPLICATE_COSINE } = PKB_THRESHOLDS;

const conflictNotFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'Conflict not found.' });

const SYSTEM_PROMPT =
  'You compare two statements a person saved about themselves or their life. Decide whether ' +
  'they contradict each other: both cannot be true at the same time. Statements that merely ' +
  'differ in detail, or are about different things, do not contradict. Answer with JSON only: ' +
  '{"contradicts": true or false, "reason": "one short sentence"}';

/** The model's verdict, or undefined when the answer cannot be read. */
export function parseVerdict(
  text: string,
): { contradicts: boolean; reason: string | null } | undefined {
  const json = /\{[\s\S]*\}/u.exec(text)?.[0];
  if (json) {
    try {
      const value: unknown = JSON.parse(json);
      if (typeof value === 'object' && value !== null) {
        const v = value as Record<string, unknown>;
        const flag = v.contradicts ?? v.contradiction ?? v.contradict;
        const reason =
          typeof v.reason === 'string' && v.reason.trim() ? v.reason.trim().slice(0, 500) : null;
        if (typeof flag === 'boolean') return { contradicts: flag, reason };
        if (flag === 'yes' || flag === 'no') return { contradicts: flag === 'yes', reason };
      }
    } catch {
      // fall through to the plain-word reading
    }
  }
  const word = /^\W*(yes|no|true|false)\b/iu.exec(text)?.[1]?.toLowerCase();
  if (word) return { contradicts: word === 'yes' || word === 'true', reason: null };
  return undefined;
}

/**
 * Checks new or edited claims against close active ones with the fast model; each contradiction
 * becomes an `auto` conflict with both claims contested. Returns the ids of claims that became
 * contested. `matrix` is the user's embedding matrix from before the write. Never throws for
 * the provider: failures are logged and the claim stays as saved.
 */
export async function detectConflicts({
  services,
  userId,
  matrix,
  claims,
}: {
  services: AppServices;
  userId: string;
  matrix: ClaimMatrix | undefined;
  claims: readonly { id: string; statement: string; embedding: Float32Array }[];
}): Promise<string[]> {
  const { db, llm } = services;
  // No fast model: no automatic detection (users flag conflicts by hand).
  if (!matrix || claims.length === 0 || !llm.hasRole('fast')) return [];
  const own = new Set(
    pkbQueries.findClaimsByIds({ db, userId, ids: claims.map((c) => c.id) }).map((r) => r.rowid),
  );
  const contested = new Set<string>();
  let checks = 0;
  for (const claim of claims) {
    const close = rankClaims(matrix, claim.embedding, CANDIDATES_PER_CLAIM, {
      statuses: ['active'],
      excludeRowids: own,
    }).filter((h) => h.cosine >= CONFLICT_MIN_COSINE && h.cosine < DUPLICATE_COSINE);
    const rows = pkbQueries.findClaimsByRowids({ db, userId, rowids: close.map((h) => h.rowid) });
    for (const other of rows) {
      if (checks++ >= MAX_CHECKS) return [...contested];
      let verdict: ReturnType<typeof parseVerdict>;
      try {
        const answer = await llm.complete({
          model: llm.resolveModel('fast'),
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            {
              role: 'user',
              content: `Statement A: ${other.statement}\nStatement B: ${claim.statement}`,
            },
          ],
        });
        verdict = parseVerdict(answer);
      } catch (err) {
        services.logger.warn(
          { userId, err: err instanceof Error ? err.message : String(err) },
          'could not check memories for a contradiction',
        );
        continue;
      }
      if (!verdict?.contradicts) continue;
      const opened = db.transaction((tx) =>
        openAutoConflict(tx, userId, [other.id, claim.id], verdict.reason),
      );
      if (opened) for (const id of [other.id, claim.id]) contested.add(id);
    }
  }
  return [...contested];
}

function openAutoConflict(
  db: Executor,
  userId: string,
  ids: [string, string],
  reason: string | null,
): boolean {
  // Both must still exist and not be retracted; the same pair is not flagged twice.
  const rows = pkbQueries.findClaimsByIds({ db, userId, ids, statuses: ['active', 'contested'] });
  if (rows.length < 2) return false;
  const open = pkbQueries.listConflicts({ db, userId }).filter((c) => c.status === 'open');
  const members = pkbQueries.listConflictMembers({ db, conflictIds: open.map((c) => c.id) });
  const byConflict = new Map<string, Set<string>>();
  for (const m of members)
    byConflict.set(m.conflictId, (byConflict.get(m.conflictId) ?? new Set()).add(m.claimId));
  for (const set of byConflict.values()) if (ids.every((id) => set.has(id))) return false;
  pkbQueries.insertConflict({ db, userId, origin: 'auto', reason, claimIds: ids });
  pkbQueries.setClaimStatus({ db, userId, ids, status: 'contested' });
  claimsChanged(userId, { rowids: rows.map((r) => r.rowid) });
  return true;
}

function toConflicts(db: Executor, rows: readonly ConflictSetRow[]): Conflict[] {
  const members = pkbQueries.listConflictMembers({ db, conflictIds: rows.map((r) => r.id) });
  const claims = new Map(
    toClaims(
      db,
      pkbQueries.findClaimsByIds({
        db,
        userId: rows[0]?.userId ?? '',
        ids: members.map((m) => m.claimId),
      }),
    ).map((c) => [c.id, c]),
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    reason: row.reason,
    origin: row.origin,
    claims: members.flatMap((m) => {
      const claim = m.conflictId === row.id ? claims.get(m.claimId) : undefined;
      return claim ? [claim] : [];
    }),
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
  }));
}

/** The user's conflicts with their claims, open ones first. */
export function listConflicts({
  services,
  userId,
}: {
  services: AppServices;
  userId: string;
}): Conflict[] {
  return toConflicts(services.db, pkbQueries.listConflicts({ db: services.db, userId }));
}

/** A manual conflict over the user's claims; every member becomes contested. */
export function createConflict({
  services,
  userId,
  claimIds,
  reason,
}: {
  services: AppServices;
  userId: string;
  claimIds: readonly string[];
  reason?: string | undefined;
}): Conflict {
  const ids = [...new Set(claimIds)];
  if (ids.length < 2)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A conflict needs at least two different memories.',
    });
  const row = services.db.transaction((tx) => {
    const found = pkbQueries.findClaimsByIds({ db: tx, userId, ids });
    if (found.length !== ids.length) throw claimNotFound();
    const conflict = pkbQueries.insertConflict({
      db: tx,
      userId,
      origin: 'manual',
      reason: reason?.trim() ? reason.trim() : null,
      claimIds: ids,
    });
    pkbQueries.setClaimStatus({ db: tx, userId, ids, status: 'contested' });
    claimsChanged(userId, { rowids: found.map((r) => r.rowid) });
    return conflict;
  });
  const [conflict] = toConflicts(services.db, [row]);
  if (!conflict) throw new Error('conflict view missing');
  return conflict;
}

/**
 * Resolves an open conflict: `retract_others` makes the kept claims active and retracts the
 * rest; `keep_all` makes every member active (a claim still in another open conflict stays
 * contested). Resolving an already resolved conflict is refused (CONFLICT): its members may have
 * changed since, so repeating it would not be a no-op.
 */
export function resolveConflict({
  services,
  userId,
  id,
  keepClaimIds,
  action,
}: {
  services: AppServices;
  userId: string;
  id: string;
  keepClaimIds: readonly string[];
  action: 'retract_others' | 'keep_all';
}): Conflict {
  const row = services.db.transaction((tx) => {
    const conflict = pkbQueries.findConflict({ db: tx, userId, id });
    if (!conflict) throw conflictNotFound();
    if (conflict.status === 'resolved')
      throw new TRPCError({ code: 'CONFLICT', message: 'This conflict is already resolved.' });
    const members = pkbQueries
      .listConflictMembers({ db: tx, conflictIds: [id] })
      .map((m) => m.claimId);
    const keep = new Set(keepClaimIds);
    if ([...keep].some((k) => !members.includes(k)))
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Only memories in this conflict can be kept.',
      });
    if (action === 'retract_others' && keep.size === 0)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Choose at least one memory to keep, or keep them all.',
      });
    pkbQueries.resolveConflictRow({ db: tx, userId, id });
    const kept = action === 'keep_all' ? members : members.filter((m) => keep.has(m));
    const retracted = members.filter((m) => !kept.includes(m));
    const stillOpen = new Set(pkbQueries.openConflictClaimIds({ db: tx, userId, claimIds: kept }));
    pkbQueries.setClaimStatus({
      db: tx,
      userId,
      ids: kept.filter((k) => !stillOpen.has(k)),
      status: 'active',
    });
    pkbQueries.setClaimStatus({ db: tx, userId, ids: retracted, status: 'retracted' });
    claimsChanged(userId, {
      rowids: pkbQueries.findClaimsByIds({ db: tx, userId, ids: members }).map((r) => r.rowid),
    });
    return pkbQueries.findConflict({ db: tx, userId, id });
  });
  if (!row) throw conflictNotFound();
  const [conflict] = toConflicts(services.db, [row]);
  if (!conflict) throw new Error('conflict view missing');
  return conflict;
}
