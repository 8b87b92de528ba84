import { asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { messages, type MessageRow } from '../schema/organise.js';

/** Every message of a conversation in display order (export, share, clone; not for paging). */
export function listAllMessages({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.position))
    .all();
}

/** The next free position at the end of a conversation. */
export function nextPosition({ db, conversationId }: { db: Executor; conversationId: string }): number {
  const row = db
    .select({ last: max(messages.position) })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .get();
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

/** Inserts rows as given (positions included); run inside a transaction for several rows. */
export function insertMessages({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof messages.$inferInsert)[];
}): MessageRow[] {
  if (rows.length === 0) return [];
  return db.insert(messages).values(rows).returning().all();
}
