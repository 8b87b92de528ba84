import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.js';
import { cachePreparedStatements } from './statement-cache.js';

export type Db = BetterSQLite3Database<typeof schema>;

/**
 * The database or an open transaction. better-sqlite3 transactions are synchronous, so query
 * functions are synchronous too: that lets any of them run inside `db.transaction(tx => …)`.
 */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export interface DbHandle {
  db: Db;
  /** The raw connection, for pragmas, backups and FTS statements Drizzle cannot express. */
  sqlite: Database.Database;
  close: () => void;
}

/** Committed drizzle-kit migrations, shipped next to dist/ in the package. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Opens (creating if needed) the SQLite database at `path`, applies the pragmas of
 * ARCHITECTURE § 3 and every pending migration. Use ':memory:' for a throwaway database.
 */
export function openDb(path: string): DbHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder });
  cachePreparedStatements(sqlite);
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** SQLite's online backup: a consistent copy while the app keeps running. */
export async function backupDb(handle: DbHandle, destination: string): Promise<void> {
  mkdirSync(dirname(destination), { recursive: true });
  await handle.sqlite.backup(destination);
}

export function integrityCheck(handle: DbHandle): string {
  return String(handle.sqlite.pragma('integrity_check', { simple: true }));
}
