/** Which collapsible sections of answers a user hid, per conversation. */
import { sectionQueries, type Executor } from '@margin/db';
import type { SectionStates, UpdateSectionsResult } from '@margin/shared';
import { requireConversation } from './conversations/core.js';

/** Every requested id is in the answer; ids never stored come back `{ hidden: false }`. */
export function getSectionStates({
  db,
  userId,
  conversationId,
  sectionIds,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  sectionIds: string[];
}): SectionStates {
  requireConversation({ db, userId, id: conversationId });
  const ids = [...new Set(sectionIds)];
  const stored = new Map(
    sectionQueries
      .listSectionStates({ db, conversationId, sectionIds: ids })
      .map((r) => [r.sectionId, r.hidden]),
  );
  return Object.fromEntries(ids.map((id) => [id, { hidden: stored.get(id) ?? false }]));
}

/** Upserts every state in one transaction. */
export function updateSectionStates({
  db,
  userId,
  conversationId,
  states,
  now = new Date(),
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  states: Record<string, boolean>;
  now?: Date;
}): UpdateSectionsResult {
  return db.transaction(
    (tx) => {
      requireConversation({ db: tx, userId, id: conversationId });
      const entries = Object.entries(states);
      for (const [sectionId, hidden] of entries) {
        sectionQueries.upsertSectionState({ db: tx, conversationId, sectionId, hidden, at: now });
      }
      return { updated: entries.length };
    },
    { behavior: 'immediate' },
  );
}
