import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { doubts, type DoubtRow } from '../schema/doubts.js';

export function insertDoubt({
  db,
  doubt,
}: {
  db: Executor;
  doubt: typeof doubts.$inferInsert;
}): DoubtRow {
  return db.insert(doubts).values(doubt).returning().get();
}

/** The caller's doubt, or undefined (someone else's looks missing). */
export function findOwnedDoubt({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): DoubtRow | undefined {
  return db
    .select()
    .from(doubts)
    .where(and(eq(doubts.id, id), eq(doubts.userId, userId)))
    .get();
}

/** Every doubt of one message (all threads), oldest first; the tree is built in memory. */
export function listMessageDoubts({
  db,
  conversationId,
  messageId,
  userId,
}: {
  db: Executor;
  conversationId: string;
  messageId: string;
  userId: string;
}): DoubtRow[] {
  return db
    .select()
    .from(doubts)
    .where(
      and(
        eq(doubts.conversationId, conversationId),
        eq(doubts.messageId, messageId),
        eq(doubts.userId, userId),
      ),
    )
    .orderBy(asc(doubts.createdAt), asc(doubts.id))
    .all();
}

/** Ids of `id` and all its descendants. */
export function listSubtreeIds({ db, id }: { db: Executor; id: string }): string[] {
  return db
    .all<{ id: string }>(
      sql`
      WITH RECURSIVE sub(id) AS (
        SELECT id FROM doubts WHERE id = ${id}
        UNION ALL
        SELECT d.id FROM doubts d JOIN sub ON d.parent_id = sub.id
      )
      SELECT id FROM sub
    `,
    )
    .map((r) => r.id);
}

export function deleteDoubt({ db, id }: { db: Executor; id: string }): number {
  return db.delete(doubts).where(eq(doubts.id, id)).run().changes;
}

export function updateDoubt({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: Partial<Pick<DoubtRow, 'answer' | 'status' | 'error'>>;
}): void {
  db.update(doubts).set(changes).where(eq(doubts.id, id)).run();
}
