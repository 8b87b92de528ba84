import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth.js';
import { createdAtColumn } from './columns.js';

export const IMPORTED_KINDS = ['workspace', 'conversation'] as const;

/**
 * What an account import created, by the id it had in the file: a second import of the same
 * file finds its conversations and workspaces here even when they had to take new ids (the
 * file's ids belonged to someone else on this server).
 */
export const importedRows = sqliteTable(
  'imported_rows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IMPORTED_KINDS }).notNull(),
    sourceId: text('source_id').notNull(),
    localId: text('local_id').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.sourceId] })],
);
