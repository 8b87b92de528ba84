import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAtColumn } from './columns.js';

/** Small facts about this installation, e.g. which one-time seeds have run. */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAtColumn(),
});
