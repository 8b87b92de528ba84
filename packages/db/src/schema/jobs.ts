import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth.js';
import { createdAtColumn, timestampColumn } from './columns.js';
import { conversations } from './organise.js';

export const JOB_STATUSES = ['running', 'done', 'error', 'cancelled', 'interrupted'] as const;

/**
 * One row per background job (LLM generation, indexing…). The live event log is in memory; this
 * row keeps the final state so a finished job can be followed or inspected later, and so a
 * restart can mark unfinished jobs interrupted.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').references(() => conversations.id, {
      onDelete: 'cascade',
    }),
    kind: text('kind').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('running'),
    error: text('error'),
    messageIds: text('message_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Id of the terminal event, so a follower resuming after it knows it has everything. */
    lastEventId: integer('last_event_id').notNull().default(0),
    createdAt: createdAtColumn(),
    finishedAt: timestampColumn('finished_at'),
  },
  (t) => [
    index('jobs_conversation_status_idx').on(t.conversationId, t.status),
    index('jobs_user_status_idx').on(t.userId, t.status),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
