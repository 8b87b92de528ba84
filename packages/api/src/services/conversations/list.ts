/** The sidebar list: keyset paging on (lastActivityAt, id) and the temporary-chat clean-up. */
import { TRPCError } from '@trpc/server';
import { conversationQueries, type Db } from '@margin/db';
import {
  CONVERSATION_LIMITS,
  type ConversationPage,
  type ListConversationsInput,
} from '@margin/shared';
import { z } from 'zod';
import { requireWorkspace } from '../workspaces.js';
import { sweepOrphanAudioFiles } from '../audio/storage.js';
import { removeDocumentFiles } from '../documents/storage.js';
import { deleteConversationsOfUser } from './core.js';
import { toConversationSummary } from './views.js';

interface CursorPosition {
  lastActivityAt: Date;
  id: string;
}

const cursorPayload = z.object({
  t: z.number().int().nonnegative().max(8_640_000_000_000_000),
  id: z.string().min(1).max(64),
});

/** Opaque to clients: base64url of the last row's (lastActivityAt ms, id). */
export function encodeCursor({ lastActivityAt, id }: CursorPosition): string {
  return Buffer.from(JSON.stringify({ t: lastActivityAt.getTime(), id })).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorPayload.safeParse(parsed);
  if (!result.success) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'This page cursor is not valid. Reload the list from the start.',
    });
  }
  return { lastActivityAt: new Date(result.data.t), id: result.data.id };
}

/**
 * Removes the caller's temporary chats idle for more than an hour, except `keepId`.
 *
 * Only the caller's: a request may only ever change its own user's data. Another user's list call
 * must not decide when your temporary chat disappears (you may still have it open), and a shared
 * clean-up would make one user's request pay for everyone's deletes. The client deletes a
 * temporary chat as soon as the user leaves it; this catches the ones left behind by a closed tab.
 */
export function removeStaleTemporaryChats({
  db,
  userId,
  filesDir,
  keepId,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  /** Where document files live: those of the removed chats are deleted after the commit. */
  filesDir: string;
  keepId?: string | undefined;
  now?: Date;
}): number {
  const idleBefore = new Date(now.getTime() - CONVERSATION_LIMITS.statelessMaxIdleMs);
  const ids = conversationQueries.listStaleStatelessConversationIds({
    db,
    userId,
    idleBefore,
    keepId,
  });
  if (ids.length === 0) return 0;
  const removedFiles: string[] = [];
  const removed = db.transaction(
    (tx) => {
      // Re-checked inside the write transaction: one may have had a message since.
      const still = conversationQueries.listStaleStatelessConversationIds({
        db: tx,
        userId,
        idleBefore,
        keepId,
      });
      return deleteConversationsOfUser({ db: tx, userId, ids: still, removedFiles });
    },
    { behavior: 'immediate' },
  );
  removeDocumentFiles(filesDir, removedFiles);
  if (removed > 0) sweepOrphanAudioFiles({ db, filesDir });
  return removed;
}

export function listConversations({
  db,
  userId,
  filesDir,
  input,
}: {
  db: Db;
  userId: string;
  filesDir: string;
  input: ListConversationsInput;
}): ConversationPage {
  // Validate everything before the clean-up writes anything.
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  if (input.workspaceId !== undefined) {
    const ws = requireWorkspace({ db, userId, id: input.workspaceId });
    if (ws.domain !== input.domain) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'That workspace belongs to another tab (domain).',
      });
    }
  }
  // Once per listing, on its first page; later pages must not shift under the reader.
  if (after === undefined)
    removeStaleTemporaryChats({ db, userId, filesDir, keepId: input.keepId });

  const limit = input.limit ?? CONVERSATION_LIMITS.listDefault;
  const rows = conversationQueries.listConversationsPage({
    db,
    userId,
    domain: input.domain,
    workspaceId: input.workspaceId,
    after,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
