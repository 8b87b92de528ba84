import { and, asc, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  conversations,
  messages,
  messageVersions,
  workspaces,
  type ConversationRow,
  type MessageRow,
  type MessageVersionRow,
} from '../schema/organise.js';
import { prepared } from '../prepared.js';

/** The columns a sidebar row needs (no memory pad or summary: they can be large). */
export type ConversationListRow = Pick<
  ConversationRow,
  | 'id'
  | 'title'
  | 'workspaceId'
  | 'domain'
  | 'flag'
  | 'stateless'
  | 'lastActivityAt'
  | 'createdAt'
  | 'shareToken'
>;

export interface ConversationWithWorkspace {
  conversation: ConversationRow;
  workspace: { id: string; name: string; color: string | null };
}

export function insertConversation({
  db,
  conversation,
}: {
  db: Executor;
  conversation: typeof conversations.$inferInsert;
}): ConversationRow {
  return db.insert(conversations).values(conversation).returning().get();
}

/** The conversation if it exists and belongs to `userId`. */
export function findConversation({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): ConversationRow | undefined {
  return prepared(db, findConversationQuery).get({ id, userId });
}

const findConversationQuery = (db: Executor) =>
  db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.id, sql.placeholder('id')),
        eq(conversations.userId, sql.placeholder('userId')),
      ),
    )
    .prepare();

export function findConversationWithWorkspace({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): ConversationWithWorkspace | undefined {
  return db
    .select({
      conversation: conversations,
      workspace: { id: workspaces.id, name: workspaces.name, color: workspaces.color },
    })
    .from(conversations)
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .get();
}

export function findConversationByShareToken({
  db,
  token,
}: {
  db: Executor;
  token: string;
}): ConversationRow | undefined {
  return db.select().from(conversations).where(eq(conversations.shareToken, token)).get();
}

/**
 * One sidebar page: newest activity first, ties broken by id, strictly after `after` (keyset
 * paging on conversations_sidebar_idx).
 */
export function listConversationsPage({
  db,
  userId,
  domain,
  workspaceId,
  after,
  limit,
}: {
  db: Executor;
  userId: string;
  domain: string;
  workspaceId?: string | undefined;
  after?: { lastActivityAt: Date; id: string } | undefined;
  limit: number;
}): ConversationListRow[] {
  const conditions: (SQL | undefined)[] = [
    eq(conversations.userId, userId),
    eq(conversations.domain, domain),
  ];
  if (workspaceId !== undefined) conditions.push(eq(conversations.workspaceId, workspaceId));
  if (after) {
    // A row-value comparison: SQLite seeks the index to it instead of scanning from the top.
    conditions.push(
      sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after.lastActivityAt.getTime()}, ${after.id})`,
    );
  }
  return db
    .select({
      id: conversations.id,
      title: conversations.title,
      workspaceId: conversations.workspaceId,
      domain: conversations.domain,
      flag: conversations.flag,
      stateless: conversations.stateless,
      lastActivityAt: conversations.lastActivityAt,
      createdAt: conversations.createdAt,
      shareToken: conversations.shareToken,
    })
    .from(conversations)
    .where(and(...conditions))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(limit)
    .all();
}

/** Ids of a user's temporary chats idle since before `idleBefore`, except `keepId`. */
export function listStaleStatelessConversationIds({
  db,
  userId,
  idleBefore,
  keepId,
}: {
  db: Executor;
  userId: string;
  idleBefore: Date;
  keepId?: string | undefined;
}): string[] {
  return db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        eq(conversations.stateless, true),
        lt(conversations.lastActivityAt, idleBefore),
        keepId === undefined ? undefined : ne(conversations.id, keepId),
      ),
    )
    .all()
    .map((r) => r.id);
}

export function updateConversation({
  db,
  id,
  userId,
  changes,
}: {
  db: Executor;
  id: string;
  userId: string;
  changes: Partial<
    Pick<
      ConversationRow,
      | 'title'
      | 'titleLocked'
      | 'flag'
      | 'stateless'
      | 'memoryPad'
      | 'workspaceId'
      | 'shareToken'
      | 'sharedAt'
      | 'summary'
      | 'suggestions'
    >
  >;
}): ConversationRow | undefined {
  return db
    .update(conversations)
    .set(changes)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning()
    .get();
}

/** Deletes conversations of `userId`; messages, versions and section states go by cascade. */
export function deleteConversations({
  db,
  ids,
  userId,
}: {
  db: Executor;
  ids: string[];
  userId: string;
}): number {
  if (ids.length === 0) return 0;
  return db
    .delete(conversations)
    .where(and(inArray(conversations.id, ids), eq(conversations.userId, userId)))
    .run().changes;
}

/** Non-hidden messages of a conversation in display order (public share page). */
export function listVisibleMessages({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.hidden, false)))
    .orderBy(asc(messages.position))
    .all();
}

/** The last `limit` non-hidden messages, oldest first. */
export function listRecentVisibleMessages({
  db,
  conversationId,
  limit,
}: {
  db: Executor;
  conversationId: string;
  limit: number;
}): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.hidden, false)))
    .orderBy(desc(messages.position))
    .limit(limit)
    .all()
    .reverse();
}

/** Every earlier version of every message of a conversation (for clone). */
export function listConversationMessageVersions({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): MessageVersionRow[] {
  return db
    .select({ version: messageVersions })
    .from(messageVersions)
    .innerJoin(messages, eq(messages.id, messageVersions.messageId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messageVersions.messageId), asc(messageVersions.version))
    .all()
    .map((r) => r.version);
}

export function insertMessageVersions({
  db,
  rows,
}: {
  db: Executor;
  rows: (typeof messageVersions.$inferInsert)[];
}): number {
  if (rows.length === 0) return 0;
  return db.insert(messageVersions).values(rows).run().changes;
}

export interface MessageSearchRow {
  messageId: string;
  conversationId: string;
  title: string;
  snippet: string;
}

/**
 * Full-text search over one user's messages (FTS5, best BM25 rank first). `ftsQuery` must
 * already be a safe FTS5 expression: user text goes through the API's escaping first.
 */
export function searchMessages({
  db,
  userId,
  ftsQuery,
  domain,
  limit,
  highlight,
  order = 'relevance',
}: {
  db: Executor;
  userId: string;
  ftsQuery: string;
  domain?: string | undefined;
  limit: number;
  highlight: { start: string; end: string };
  /** 'newest' skips BM25 scoring, which costs ~1 µs per match: for very common terms. */
  order?: 'relevance' | 'newest';
}): MessageSearchRow[] {
  const domainFilter = domain === undefined ? sql`` : sql`AND c.domain = ${domain}`;
  const orderBy = order === 'newest' ? sql`messages_fts.rowid DESC` : sql`messages_fts.rank`;
  return db.all<MessageSearchRow>(sql`
    SELECT m.id AS messageId,
           m.conversation_id AS conversationId,
           c.title AS title,
           snippet(messages_fts, 0, ${highlight.start}, ${highlight.end}, '…', 16) AS snippet
    FROM messages_fts
    JOIN messages m ON m.rowid = messages_fts.rowid
    JOIN conversations c ON c.id = m.conversation_id
    WHERE messages_fts MATCH ${ftsQuery}
      AND m.user_id = ${userId}
      ${domainFilter}
    ORDER BY ${orderBy}
    LIMIT ${limit}
  `);
}

/** How many messages (of anyone) match, counting no further than `cap`. Cheap: no scoring. */
export function countSearchMatches({
  db,
  ftsQuery,
  cap,
}: {
  db: Executor;
  ftsQuery: string;
  cap: number;
}): number {
  const row = db.get<{ n: number } | undefined>(sql`
    SELECT count(*) AS n FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${ftsQuery} LIMIT ${cap})
  `);
  return row?.n ?? 0;
}
