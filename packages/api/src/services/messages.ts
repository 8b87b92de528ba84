/**
 * Messages of a conversation: paging, edits with version history, hide, delete, reorder.
 * Every function checks ownership through the conversation AND the message's own user id;
 * another user's id is indistinguishable from a missing one (NOT_FOUND).
 */
import { TRPCError } from '@trpc/server';
import { messageQueries, type Executor, type MessageRow } from '@margin/db';
import { requireConversation } from './conversations/core.js';
import {
  MESSAGE_LIMITS,
  type DeleteLastTurnResult,
  type Message,
  type MessagePage,
  type MessageRole,
  type MessageStatus,
  type MessageVersion,
  type MoveMessagesResult,
} from '@margin/shared';

const messageNotFound = () =>
  new TRPCError({
    code: 'NOT_FOUND',
    message: 'Message not found. It may have been deleted; reload the conversation.',
  });

const stillStreaming = (what: string) =>
  new TRPCError({
    code: 'CONFLICT',
    message: `This answer is still being written. To ${what} it, wait for the answer to finish or stop it.`,
  });

export function toMessage(row: MessageRow, versionCount = 1): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    content: row.content,
    hidden: row.hidden,
    position: row.position,
    status: row.status,
    model: row.model,
    tldr: row.tldr,
    error: row.error,
    versionCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function ownedMessage(db: Executor, id: string, userId: string): MessageRow {
  const row = messageQueries.findOwnedMessage({ db, id, userId });
  if (!row) throw messageNotFound();
  return row;
}

const immediate = { behavior: 'immediate' } as const;
const APPEND_CHUNK = 500;

export interface NewMessage {
  role: MessageRole;
  content: string;
  status?: MessageStatus | undefined;
  model?: string | null | undefined;
}

/**
 * Appends messages at the end of a conversation, in order, in one transaction, and marks the
 * conversation active. Used by the chat engine (and tests). NOT_FOUND unless `userId` owns it.
 */
export function appendMessages({
  db,
  conversationId,
  userId,
  messages,
  now = new Date(),
}: {
  db: Executor;
  conversationId: string;
  userId: string;
  messages: NewMessage[];
  now?: Date;
}): Message[] {
  return db.transaction((tx) => {
    requireConversation({ db: tx, userId, id: conversationId });
    const start = messageQueries.nextPosition({ db: tx, conversationId });
    const rows = messages.map((m, i) => ({
      conversationId,
      userId,
      role: m.role,
      content: m.content,
      status: m.status ?? 'complete',
      model: m.model ?? null,
      position: start + i,
      createdAt: now,
      updatedAt: now,
    }));
    const inserted: Message[] = [];
    // Chunks keep each INSERT under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += APPEND_CHUNK) {
      const chunk = messageQueries.insertMessages({
        db: tx,
        rows: rows.slice(i, i + APPEND_CHUNK),
      });
      inserted.push(...chunk.map((r) => toMessage(r)));
    }
    messageQueries.touchConversationActivity({ db: tx, conversationId, at: now });
    return inserted;
  }, immediate);
}

/** One page, walking upward from the newest message; items in ascending position order. */
export function listMessages({
  db,
  userId,
  conversationId,
  cursor,
  limit = MESSAGE_LIMITS.pageDefault,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  cursor?: number | null | undefined;
  limit?: number | undefined;
}): MessagePage {
  requireConversation({ db, userId, id: conversationId });
  // One extra row tells whether an older page exists, without counting the conversation.
  const rows = messageQueries.listMessagesBefore({
    db,
    conversationId,
    userId,
    before: cursor ?? undefined,
    limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = (more ? rows.slice(0, limit) : rows).reverse();
  return {
    items: page.map((r) => toMessage(r, r.versionCount)),
    nextCursor: more ? (page[0]?.position ?? null) : null,
  };
}

/** Replaces a message's text, keeping the previous one as the next version. */
export function editMessage({
  db,
  userId,
  id,
  content,
}: {
  db: Executor;
  userId: string;
  id: string;
  content: string;
}): Message {
  return db.transaction((tx) => {
    const row = ownedMessage(tx, id, userId);
    if (row.status === 'streaming') throw stillStreaming('edit');
    const last = messageQueries.lastMessageVersion({ db: tx, messageId: id });
    if (row.content === content) return toMessage(row, last + 1);
    messageQueries.insertMessageVersion({
      db: tx,
      // createdAt: when that text was written.
      version: { messageId: id, version: last + 1, content: row.content, createdAt: row.updatedAt },
    });
    const updated = messageQueries.updateMessage({ db: tx, id, changes: { content } });
    if (!updated) throw messageNotFound();
    return toMessage(updated, last + 2);
  }, immediate);
}

/** Earlier texts oldest first, then the current text (`current: true`). */
export function messageVersions({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): MessageVersion[] {
  const row = ownedMessage(db, id, userId);
  const earlier = messageQueries.listMessageVersions({ db, messageId: id });
  const last = earlier.at(-1)?.version ?? 0;
  return [
    ...earlier.map((v) => ({
      version: v.version,
      content: v.content,
      createdAt: v.createdAt,
      current: false,
    })),
    { version: last + 1, content: row.content, createdAt: row.updatedAt, current: true },
  ];
}

export function setMessageHidden({
  db,
  userId,
  id,
  hidden,
}: {
  db: Executor;
  userId: string;
  id: string;
  hidden: boolean;
}): Message {
  return db.transaction((tx) => {
    ownedMessage(tx, id, userId);
    const updated = messageQueries.updateMessage({ db: tx, id, changes: { hidden } });
    if (!updated) throw messageNotFound();
    return toMessage(updated, messageQueries.lastMessageVersion({ db: tx, messageId: id }) + 1);
  }, immediate);
}

/** Deletes one message and closes the gap, so positions stay 0..n-1. */
export function deleteMessage({ db, userId, id }: { db: Executor; userId: string; id: string }): {
  ok: true;
} {
  return db.transaction((tx) => {
    const row = ownedMessage(tx, id, userId);
    if (row.status === 'streaming') throw stillStreaming('delete');
    messageQueries.deleteMessagesByIds({ db: tx, conversationId: row.conversationId, ids: [id] });
    messageQueries.closePositionGap({
      db: tx,
      conversationId: row.conversationId,
      after: row.position,
      by: 1,
    });
    return { ok: true as const };
  }, immediate);
}

/**
 * The new order of positions `first..first+selected.length-1` after moving the selected ones one
 * step: each contiguous run of selected messages swaps with its unselected neighbour; a run
 * already at the edge (or stuck behind one) stays. Exported for unit tests.
 */
export function moveOneStep<T>(
  items: readonly T[],
  isSelected: (item: T) => boolean,
  direction: 'up' | 'down',
): T[] {
  const order = [...items];
  const swap = (a: number, b: number) => {
    const x = order[a];
    const y = order[b];
    if (x === undefined || y === undefined) return;
    order[a] = y;
    order[b] = x;
  };
  if (direction === 'up') {
    for (let i = 1; i < order.length; i++) {
      const here = order[i];
      const above = order[i - 1];
      if (here !== undefined && above !== undefined && isSelected(here) && !isSelected(above)) {
        swap(i, i - 1);
      }
    }
  } else {
    for (let i = order.length - 2; i >= 0; i--) {
      const here = order[i];
      const below = order[i + 1];
      if (here !== undefined && below !== undefined && isSelected(here) && !isSelected(below)) {
        swap(i, i + 1);
      }
    }
  }
  return order;
}

/** Moves the selected messages one step up or down as blocks; past the edge is a no-op. */
export function moveMessages({
  db,
  userId,
  conversationId,
  messageIds,
  direction,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  messageIds: string[];
  direction: 'up' | 'down';
}): MoveMessagesResult {
  const ids = [...new Set(messageIds)];
  return db.transaction((tx) => {
    requireConversation({ db: tx, userId, id: conversationId });
    const selected = messageQueries.findOwnedMessagesByIds({ db: tx, conversationId, userId, ids });
    if (selected.length !== ids.length) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message:
          'Some of the selected messages were not found in this conversation. Reload it and select again.',
      });
    }
    const positions = selected.map((m) => m.position);
    // Only the selection and one neighbour on the moving side can change place.
    const from = Math.max(0, Math.min(...positions) - (direction === 'up' ? 1 : 0));
    const to = Math.max(...positions) + (direction === 'down' ? 1 : 0);
    const window = messageQueries.listMessagesInRange({ db: tx, conversationId, from, to });
    const chosen = new Set(ids);
    const reordered = moveOneStep(window, (m) => chosen.has(m.id), direction);
    const changed = reordered.flatMap((m, i) =>
      m.position === from + i ? [] : [{ id: m.id, position: from + i }],
    );
    messageQueries.setMessagePositions({ db: tx, conversationId, changes: changed });
    return { moved: changed.length > 0, changed };
  }, immediate);
}

/** Deletes the last user message and everything after it (the answers to it). */
export function deleteLastTurn({
  db,
  userId,
  conversationId,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
}): DeleteLastTurnResult {
  return db.transaction((tx) => {
    requireConversation({ db: tx, userId, id: conversationId });
    const lastUser = messageQueries.findLastMessageWithRole({
      db: tx,
      conversationId,
      role: 'user',
    });
    if (!lastUser) return { deletedIds: [] };
    const turn = messageQueries.listMessagesInRange({
      db: tx,
      conversationId,
      from: lastUser.position,
      to: Number.MAX_SAFE_INTEGER,
    });
    if (turn.some((m) => m.status === 'streaming')) throw stillStreaming('delete');
    const deletedIds = turn.map((m) => m.id);
    messageQueries.deleteMessagesByIds({ db: tx, conversationId, ids: deletedIds });
    return { deletedIds };
  }, immediate);
}
