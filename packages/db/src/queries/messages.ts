import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, max, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  conversations,
  messages,
  messageVersions,
  type MessageRow,
  type MessageVersionRow,
} from '../schema/organise.js';
import { prepared } from '../prepared.js';

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
export function nextPosition({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): number {
  const row = prepared(db, nextPositionQuery).get({ conversationId });
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

const nextPositionQuery = (db: Executor) =>
  db
    .select({ last: max(messages.position) })
    .from(messages)
    .where(eq(messages.conversationId, sql.placeholder('conversationId')))
    .prepare();

/** Inserts rows as given (positions included); run inside a transaction for several rows. */
export function insertMessages({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof messages.$inferInsert)[];
}): MessageRow[] {
  const insert = prepared(db, insertMessageQuery);
  return rows.map((r) => {
    const createdAt = r.createdAt ?? new Date();
    const row: MessageRow = {
      id: r.id ?? randomUUID(),
      conversationId: r.conversationId,
      userId: r.userId,
      role: r.role,
      content: r.content ?? '',
      hidden: r.hidden ?? false,
      position: r.position,
      status: r.status ?? 'complete',
      model: r.model ?? null,
      tldr: r.tldr ?? null,
      error: r.error ?? null,
      createdAt,
      updatedAt: r.updatedAt ?? createdAt,
    };
    // Insert placeholders go through the columns' encoders: plain values, as in a row.
    insert.run(row);
    return row;
  });
}

/** One row per run: a prepared single-row INSERT beats building a multi-row one each time. */
const insertMessageQuery = (db: Executor) =>
  db
    .insert(messages)
    .values({
      id: sql.placeholder('id'),
      conversationId: sql.placeholder('conversationId'),
      userId: sql.placeholder('userId'),
      role: sql.placeholder('role'),
      content: sql.placeholder('content'),
      hidden: sql.placeholder('hidden'),
      position: sql.placeholder('position'),
      status: sql.placeholder('status'),
      model: sql.placeholder('model'),
      tldr: sql.placeholder('tldr'),
      error: sql.placeholder('error'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .prepare();

// Ownership

/** True when the conversation exists and belongs to `userId`. */
export function touchConversationActivity({
  db,
  conversationId,
  at,
}: {
  db: Executor;
  conversationId: string;
  at: Date;
}): void {
  prepared(db, touchConversationActivityQuery).run({ conversationId, at: at.getTime() });
}

const touchConversationActivityQuery = (db: Executor) =>
  db
    .update(conversations)
    .set({ lastActivityAt: sql`${sql.placeholder('at')}` })
    .where(eq(conversations.id, sql.placeholder('conversationId')))
    .prepare();

/** A message the user owns, checked through its conversation too; undefined otherwise. */
export function findOwnedMessage({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): MessageRow | undefined {
  return prepared(db, findOwnedMessageQuery).get({ id, userId })?.message;
}

const findOwnedMessageQuery = (db: Executor) =>
  db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.id, sql.placeholder('id')),
        eq(messages.userId, sql.placeholder('userId')),
        eq(conversations.userId, sql.placeholder('userId')),
      ),
    )
    .prepare();

/** The subset of `ids` that are the user's messages in that conversation. */
export function findOwnedMessagesByIds({
  db,
  conversationId,
  userId,
  ids,
}: {
  db: Executor;
  conversationId: string;
  userId: string;
  ids: string[];
}): MessageRow[] {
  if (ids.length === 0) return [];
  return db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        inArray(messages.id, ids),
        eq(messages.conversationId, conversationId),
        eq(messages.userId, userId),
        eq(conversations.userId, userId),
      ),
    )
    .all()
    .map((r) => r.message);
}

// Reading

export type MessageWithVersionCount = MessageRow & { versionCount: number };

/** Number of texts a message has had, the current one included. */
const versionCountSql = sql<number>`(select count(*) + 1 from "message_versions" as "mv" where "mv"."message_id" = "messages"."id")`;

/**
 * Up to `limit` messages just above `before` (exclusive; the newest when undefined), NEWEST FIRST.
 * A keyset walk backwards on `messages_conversation_position_idx`: cost ∝ limit, not length.
 */
export function listMessagesBefore({
  db,
  conversationId,
  userId,
  before,
  limit,
}: {
  db: Executor;
  conversationId: string;
  userId: string;
  before: number | undefined;
  limit: number;
}): MessageWithVersionCount[] {
  return prepared(db, listMessagesBeforeQuery)
    .all({ conversationId, userId, before: before ?? Number.MAX_SAFE_INTEGER, limit })
    .map((r) => ({ ...r.message, versionCount: r.versionCount }));
}

const listMessagesBeforeQuery = (db: Executor) =>
  db
    .select({ message: messages, versionCount: versionCountSql })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, sql.placeholder('conversationId')),
        eq(messages.userId, sql.placeholder('userId')),
        lt(messages.position, sql.placeholder('before')),
      ),
    )
    .orderBy(desc(messages.position))
    .limit(sql.placeholder('limit'))
    .prepare();

/** The highest stored version number of a message (0 when never edited). */
export function lastMessageVersion({ db, messageId }: { db: Executor; messageId: string }): number {
  const row = db
    .select({ last: max(messageVersions.version) })
    .from(messageVersions)
    .where(eq(messageVersions.messageId, messageId))
    .get();
  return row?.last ?? 0;
}

/** Earlier texts of a message, oldest first. */
export function listMessageVersions({
  db,
  messageId,
}: {
  db: Executor;
  messageId: string;
}): MessageVersionRow[] {
  return db
    .select()
    .from(messageVersions)
    .where(eq(messageVersions.messageId, messageId))
    .orderBy(asc(messageVersions.version))
    .all();
}

/** Messages with position in [from, to], in order. */
export function listMessagesInRange({
  db,
  conversationId,
  from,
  to,
}: {
  db: Executor;
  conversationId: string;
  from: number;
  to: number;
}): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        gte(messages.position, from),
        lte(messages.position, to),
      ),
    )
    .orderBy(asc(messages.position))
    .all();
}

/** The last message with `role` in a conversation, if any. */
export function findLastMessageWithRole({
  db,
  conversationId,
  role,
}: {
  db: Executor;
  conversationId: string;
  role: MessageRow['role'];
}): MessageRow | undefined {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, role)))
    .orderBy(desc(messages.position))
    .limit(1)
    .get();
}

// Writing

export function insertMessageVersion({
  db,
  version,
}: {
  db: Executor;
  version: typeof messageVersions.$inferInsert;
}): MessageVersionRow {
  return db.insert(messageVersions).values(version).returning().get();
}

/**
 * Updates a message. `updatedAt` means "text last changed": it moves only when `content` is
 * among the changes (or when the caller sets it explicitly).
 */
export function updateMessage({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: Partial<
    Pick<MessageRow, 'content' | 'hidden' | 'status' | 'model' | 'tldr' | 'error' | 'updatedAt'>
  >;
}): MessageRow | undefined {
  const updatedAt =
    changes.updatedAt ?? (changes.content !== undefined ? new Date() : sql`${messages.updatedAt}`);
  return db
    .update(messages)
    .set({ ...changes, updatedAt })
    .where(eq(messages.id, id))
    .returning()
    .get();
}

/**
 * The text of an answer being streamed, written every few hundred ms: prepared once, no RETURNING
 * (the hot path of every reply). `status`/`error` are set by the final write.
 */
export function writeMessageText({
  db,
  id,
  content,
  end,
}: {
  db: Executor;
  id: string;
  content: string;
  end?: { status: MessageRow['status']; error: string | null };
}): void {
  const updatedAt = Date.now();
  if (end) prepared(db, finishMessageTextQuery).run({ id, content, updatedAt, ...end });
  else prepared(db, writeMessageTextQuery).run({ id, content, updatedAt });
}

const writeMessageTextQuery = (db: Executor) =>
  db
    .update(messages)
    .set({
      content: sql`${sql.placeholder('content')}`,
      updatedAt: sql`${sql.placeholder('updatedAt')}`,
    })
    .where(eq(messages.id, sql.placeholder('id')))
    .prepare();

const finishMessageTextQuery = (db: Executor) =>
  db
    .update(messages)
    .set({
      content: sql`${sql.placeholder('content')}`,
      status: sql`${sql.placeholder('status')}`,
      error: sql`${sql.placeholder('error')}`,
      updatedAt: sql`${sql.placeholder('updatedAt')}`,
    })
    .where(eq(messages.id, sql.placeholder('id')))
    .prepare();

/** Deletes the given messages of a conversation; returns how many went. Positions are not fixed. */
export function deleteMessagesByIds({
  db,
  conversationId,
  ids,
}: {
  db: Executor;
  conversationId: string;
  ids: string[];
}): number {
  if (ids.length === 0) return 0;
  return db
    .delete(messages)
    .where(and(eq(messages.conversationId, conversationId), inArray(messages.id, ids)))
    .run().changes;
}

/**
 * Closes a gap of `by` positions after `after`: every message above `after` moves down by `by`.
 * Two steps (to negative temporaries, then back) so UNIQUE(conversation_id, position) never
 * sees two rows on the same position, whatever order SQLite updates rows in.
 */
export function closePositionGap({
  db,
  conversationId,
  after,
  by,
}: {
  db: Executor;
  conversationId: string;
  after: number;
  by: number;
}): number {
  const keep = { updatedAt: sql`${messages.updatedAt}` };
  const moved = db
    .update(messages)
    .set({ position: sql`-1 - ${messages.position}`, ...keep })
    .where(and(eq(messages.conversationId, conversationId), gt(messages.position, after)))
    .run().changes;
  // -1 - p maps p ≥ 0 to -1 - p < 0; back: p' = -1 - (-1 - p) - by = p - by.
  db.update(messages)
    .set({ position: sql`-1 - ${messages.position} - ${by}`, ...keep })
    .where(and(eq(messages.conversationId, conversationId), lt(messages.position, 0)))
    .run();
  return moved;
}

/**
 * Gives each listed message its new position, in two steps (negative temporaries, then back) so
 * the UNIQUE index never sees a collision. The caller keeps positions dense and distinct.
 */
export function setMessagePositions({
  db,
  conversationId,
  changes,
}: {
  db: Executor;
  conversationId: string;
  changes: { id: string; position: number }[];
}): void {
  if (changes.length === 0) return;
  const keep = { updatedAt: sql`${messages.updatedAt}` };
  for (const { id, position } of changes) {
    db.update(messages)
      .set({ position: -1 - position, ...keep })
      .where(and(eq(messages.id, id), eq(messages.conversationId, conversationId)))
      .run();
  }
  db.update(messages)
    .set({ position: sql`-1 - ${messages.position}`, ...keep })
    .where(and(eq(messages.conversationId, conversationId), lt(messages.position, 0)))
    .run();
}
