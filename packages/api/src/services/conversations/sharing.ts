/** Read-only public links: an unguessable token per conversation, revocable by its owner. */
import { TRPCError } from '@trpc/server';
import { conversationQueries, type Db } from '@margin/db';
import type { ShareLink, SharedConversation } from '@margin/shared';
import { randomSecret } from '../secrets.js';
import { listSharedDocuments } from '../documents/service.js';
import { requireConversation } from './core.js';
import { asDomain, conversationNotFound, sharePath } from './views.js';

/** Shares the conversation; sharing it again returns the same link. */
export function shareConversation({
  db,
  userId,
  id,
}: {
  db: Db;
  userId: string;
  id: string;
}): ShareLink {
  return db.transaction(
    (tx) => {
      const row = requireConversation({ db: tx, userId, id });
      if (row.shareToken !== null)
        return { token: row.shareToken, path: sharePath(row.shareToken) };
      // 32 random bytes, base64url: cannot be guessed or enumerated.
      const token = randomSecret(32);
      const updated = conversationQueries.updateConversation({
        db: tx,
        id,
        userId,
        changes: { shareToken: token, sharedAt: new Date() },
      });
      if (!updated) throw conversationNotFound();
      return { token, path: sharePath(token) };
    },
    { behavior: 'immediate' },
  );
}

/** Revokes the link: the old token then gives NOT_FOUND. Sharing again makes a new token. */
export function unshareConversation({ db, userId, id }: { db: Db; userId: string; id: string }): {
  ok: true;
} {
  const row = conversationQueries.updateConversation({
    db,
    id,
    userId,
    changes: { shareToken: null, sharedAt: null },
  });
  if (!row) throw conversationNotFound();
  return { ok: true };
}

/**
 * The public page's data. Only what a reader needs: no owner, workspace, memory pad, summary,
 * suggestions or hidden messages.
 */
export function getSharedConversation({
  db,
  token,
}: {
  db: Db;
  token: string;
}): SharedConversation {
  const row = conversationQueries.findConversationByShareToken({ db, token });
  if (!row) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'This shared link does not exist or was turned off by its owner.',
    });
  }
  return {
    conversation: {
      id: row.id,
      title: row.title,
      domain: asDomain(row.domain),
      createdAt: row.createdAt,
      lastActivityAt: row.lastActivityAt,
    },
    messages: conversationQueries.listVisibleMessages({ db, conversationId: row.id }).map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      createdAt: m.createdAt,
      model: m.model,
    })),
    documents: listSharedDocuments({ db, conversationId: row.id, userId: row.userId }),
  };
}
