/**
 * Which memories an answer used (recorded when the turn is saved, shown under the answer), and
 * "don't use this memory in this conversation".
 */
import { messageQueries, pkbPlanQueries, pkbQueries, type Db, type Executor } from '@margin/db';
import type { MessageMemoryUse } from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { MemoryUse } from '../chat/context-sources.js';
import { requireConversation } from '../conversations/core.js';
import { claimNotFound, toClaims } from './views.js';

/** Stores the memory uses of each answer of a turn (call inside the turn's transaction). */
export function recordMemoryUses({
  db,
  messageIds,
  uses,
}: {
  db: Executor;
  messageIds: readonly string[];
  uses: readonly MemoryUse[];
}): void {
  pkbPlanQueries.insertMessageClaimUses({
    db,
    rows: messageIds.flatMap((messageId) =>
      uses.map((use, position) => ({
        messageId,
        claimId: use.claimId,
        via: use.why.via,
        why: { ...use.why },
        position,
      })),
    ),
  });
}

/** The memories an answer of the caller's was given, in prompt order; NOT_FOUND otherwise. */
export function memoryUsesForMessage({
  db,
  userId,
  messageId,
}: {
  db: Db;
  userId: string;
  messageId: string;
}): MessageMemoryUse[] {
  if (!messageQueries.findOwnedMessage({ db, id: messageId, userId })) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'Message not found. It may have been deleted; reload the conversation.',
    });
  }
  const rows = pkbPlanQueries.listMessageClaimUses({ db, userId, messageId });
  const claims = toClaims(
    db,
    rows.map((r) => r.claim),
  );
  return rows.flatMap((row, i) => {
    const claim = claims[i];
    const why = { ...row.why, via: row.via };
    return claim ? [{ claim, why }] : [];
  });
}

/**
 * Keeps a claim out of (or lets it back into) one conversation's prompts. Excluding replaces a
 * conversation pin of the same claim; including again only removes the exclusion.
 */
export function setExcludedFromConversation({
  db,
  userId,
  conversationId,
  claimId,
  excluded,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  claimId: string;
  excluded: boolean;
}): { conversationId: string; claimId: string; excluded: boolean } {
  requireConversation({ db, userId, id: conversationId });
  if (!pkbQueries.findClaim({ db, userId, id: claimId })) throw claimNotFound();
  if (excluded) {
    pkbQueries.setConversationClaim({ db, userId, conversationId, claimId, mode: 'excluded' });
  } else {
    pkbQueries.unsetConversationClaim({ db, userId, conversationId, claimId, mode: 'excluded' });
  }
  return { conversationId, claimId, excluded };
}
