/** Shared pieces of the PKB query modules (pkb.ts and the modules it re-exports). */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { claimEntities, pkbEntities } from '../schema/pkb.js';
import { type CLAIM_STATUSES, claims, type ClaimRow } from '../schema/pkb.js';

export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export interface Entity {
  name: string;
  type: (typeof pkbEntities.$inferInsert)['type'] & string;
}
export type ClaimEntityLink = Entity & {
  role: (typeof claimEntities.$inferInsert)['role'] & string;
};

/** A claim without its embedding blob (lists never need it). */
export type ClaimRecord = Omit<ClaimRow, 'embedding'>;

const { embedding: _embedding, ...columns } = getTableColumns(claims);
export const recordColumns = columns;

/** Ids per `IN (…)` list: far below SQLite's bound-parameter limit. */
const IN_BATCH = 500;

export function batches<T>(items: readonly T[], size = IN_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const inList = (values: readonly unknown[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
