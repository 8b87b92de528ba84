import { index, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './auth.js';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.js';
import { conversations, MESSAGE_STATUSES, messages } from './organise.js';

/**
 * Threaded questions about one message ("doubts"). Roots are independent questions; follow-ups
 * point at their parent, and a node may have several children (branching). Deleting a node
 * deletes its subtree.
 */
export const doubts = sqliteTable(
  'doubts',
  {
    id: idColumn(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnySQLiteColumn => doubts.id, {
      onDelete: 'cascade',
    }),
    question: text('question').notNull(),
    answer: text('answer').notNull().default(''),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('complete'),
    error: text('error'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('doubts_message_idx').on(t.conversationId, t.messageId, t.createdAt),
    index('doubts_parent_idx').on(t.parentId),
  ],
);

export type DoubtRow = typeof doubts.$inferSelect;
