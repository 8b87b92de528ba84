import { integer, text } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';

/** Random primary key: ids are never derived from content (ARCHITECTURE § 3). */
export const idColumn = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => randomUUID());

export const timestampColumn = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const createdAtColumn = () =>
  timestampColumn('created_at')
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAtColumn = () =>
  timestampColumn('updated_at')
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
