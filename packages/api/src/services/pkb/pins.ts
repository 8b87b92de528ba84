/**
 * Pins: a global pin flag on the claim (always in context; `claims.pin` in claims.ts) and
 * per-conversation pins persisted in `conversation_claims` (mode 'pinned'). Exclusions (mode
 * 'excluded', "don't use here") share the table and are never touched from here.
 */
import { pkbQueries } from '@margin/db';
import type { Claim } from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { requireConversation } from '../conversations/core.js';
import { claimNotFound, toClaims } from './views.js';

/** Globally pinned active and contested claims, newest change first. */
export function listPinned({
  services,
  userId,
}: {
  services: AppServices;
  userId: string;
}): Claim[] {
  return toClaims(services.db, pkbQueries.listPinnedClaims({ db: services.db, userId }));
}

/** The claims pinned in the caller's conversation, in pin order (NOT_FOUND when not theirs). */
export function listConversationPins({
  services,
  userId,
  conversationId,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
}): Claim[] {
  const { db } = services;
  requireConversation({ db, userId, id: conversationId });
  const ids = pkbQueries.listConversationClaimIds({ db, userId, conversationId, mode: 'pinned' });
  const byId = new Map(
    toClaims(db, pkbQueries.findClaimsByIds({ db, userId, ids })).map((c) => [c.id, c]),
  );
  return ids.flatMap((id) => {
    const claim = byId.get(id);
    return claim ? [claim] : [];
  });
}

/**
 * Pins or unpins one of the caller's claims in one of their conversations. Pinning a claim that
 * was excluded there replaces the exclusion; unpinning leaves an exclusion alone.
 */
export function setConversationPin({
  services,
  userId,
  conversationId,
  claimId,
  pinned,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  claimId: string;
  pinned: boolean;
}): Claim[] {
  const { db } = services;
  db.transaction((tx) => {
    requireConversation({ db: tx, userId, id: conversationId });
    if (!pkbQueries.findClaim({ db: tx, userId, id: claimId })) throw claimNotFound();
    if (pinned)
      pkbQueries.setConversationClaim({ db: tx, userId, conversationId, claimId, mode: 'pinned' });
    else
      pkbQueries.unsetConversationClaim({
        db: tx,
        userId,
        conversationId,
        claimId,
        mode: 'pinned',
      });
  });
  return listConversationPins({ services, userId, conversationId });
}

/** Removes every pin of the conversation (exclusions stay). */
export function clearConversationPins({
  services,
  userId,
  conversationId,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
}): { cleared: number } {
  const { db } = services;
  requireConversation({ db, userId, id: conversationId });
  return {
    cleared: pkbQueries.clearConversationClaims({ db, userId, conversationId, mode: 'pinned' }),
  };
}
