import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { sectionStates } from '../schema/organise.js';

export type SectionStateRow = typeof sectionStates.$inferSelect;

/** Stored states among `sectionIds` (ids never stored are simply absent). */
export function listSectionStates({
  db,
  conversationId,
  sectionIds,
}: {
  db: Executor;
  conversationId: string;
  sectionIds: string[];
}): SectionStateRow[] {
  if (sectionIds.length === 0) return [];
  return db
    .select()
    .from(sectionStates)
    .where(
      and(
        eq(sectionStates.conversationId, conversationId),
        inArray(sectionStates.sectionId, sectionIds),
      ),
    )
    .all();
}

/** Inserts or updates one section state; run several inside one transaction. */
export function upsertSectionState({
  db,
  conversationId,
  sectionId,
  hidden,
  at,
}: {
  db: Executor;
  conversationId: string;
  sectionId: string;
  hidden: boolean;
  at: Date;
}): void {
  db.insert(sectionStates)
    .values({ conversationId, sectionId, hidden, updatedAt: at })
    .onConflictDoUpdate({
      target: [sectionStates.conversationId, sectionStates.sectionId],
      set: { hidden: sql`excluded.hidden`, updatedAt: at },
    })
    .run();
}
