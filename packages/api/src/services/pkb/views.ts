import { TRPCError } from '@trpc/server';
import { pkbQueries, type Executor } from '@margin/db';
import type { Claim, ClaimEntity, ClaimList, listClaimsInput } from '@margin/shared';
import type { z } from 'zod';
import { toFtsQuery } from '../fts.js';

export const claimNotFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'Memory not found.' });

/**
 * Rows as `Claim`s with their tags and entities, in row order: two queries for the whole page
 * (tags, entities), never one per claim.
 */
export function toClaims(db: Executor, rows: readonly pkbQueries.ClaimRecord[]): Claim[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tags = new Map<string, string[]>();
  for (const t of pkbQueries.listClaimTags({ db, claimIds: ids })) {
    const list = tags.get(t.claimId) ?? [];
    list.push(t.name);
    tags.set(t.claimId, list);
  }
  const entities = new Map<string, ClaimEntity[]>();
  for (const e of pkbQueries.listClaimEntities({ db, claimIds: ids })) {
    const list = entities.get(e.claimId) ?? [];
    list.push({ name: e.name, type: e.type, role: e.role });
    entities.set(e.claimId, list);
  }
  return rows.map((row) => ({
    id: row.id,
    statement: row.statement,
    type: row.type,
    domain: row.domain,
    status: row.status,
    confidence: row.confidence,
    validFrom: row.validFrom,
    validTo: row.validTo,
    pinned: row.pinned,
    tags: tags.get(row.id) ?? [],
    entities: entities.get(row.id) ?? [],
    source: row.source,
    sourceConversationId: row.sourceConversationId,
    sourceMessageId: row.sourceMessageId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export function toClaim(db: Executor, row: pkbQueries.ClaimRecord): Claim {
  const [claim] = toClaims(db, [row]);
  if (!claim) throw new Error('toClaims dropped a row');
  return claim;
}

/** The caller's claim as a `Claim`, or NOT_FOUND (another user's claim looks missing). */
export function requireClaim(db: Executor, userId: string, id: string): Claim {
  const row = pkbQueries.findClaim({ db, userId, id });
  if (!row) throw claimNotFound();
  return toClaim(db, row);
}

/** `updated_at ms.rowid`: opaque to clients. */
function encodeCursor(row: { updatedAt: Date; rowid: number }): string {
  return `${row.updatedAt.getTime()}.${row.rowid}`;
}

function decodeCursor(cursor: string): pkbQueries.ClaimCursor {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(cursor);
  if (!match) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid page cursor.' });
  return { updatedAt: Number(match[1]), rowid: Number(match[2]) };
}

/**
 * One page of the caller's claims, most recently changed first, with the real total.
 * `query` filters by full text (every word, the last as a prefix); without `status`, every
 * status but retracted.
 */
export function listClaimsPage({
  db,
  userId,
  input,
}: {
  db: Executor;
  userId: string;
  input: z.output<typeof listClaimsInput>;
}): ClaimList {
  const query = input.query?.trim();
  const { rows, total } = pkbQueries.listClaims({
    db,
    filter: {
      userId,
      ...(input.status ? { statuses: [input.status] } : { notStatuses: ['retracted'] }),
      types: input.type ? [input.type] : undefined,
      domains: input.domain ? [input.domain] : undefined,
      tag: input.tag,
      entity: input.entity,
      pinned: input.pinned,
    },
    ftsQuery: query ? toFtsQuery(query) : undefined,
    cursor: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: toClaims(db, page),
    total,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}
