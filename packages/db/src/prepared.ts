/**
 * Drizzle builds a query's SQL text anew on every call, and for a wide table that costs far more
 * (~100–250 µs) than running the indexed query itself (a few µs). The hottest queries (auth,
 * conversation and message lookups on every chat turn) are built once per connection as prepared
 * queries with placeholders, and reused.
 *
 * Placeholders in WHERE and in `sql` fragments skip Drizzle's column encoders, so callers pass
 * driver values there (epoch milliseconds for timestamps, 0/1 for booleans); INSERT values are
 * encoded per column, so they take plain row values.
 */
import type { Executor } from './client.js';

const preparedBySession = new WeakMap<object, Map<unknown, unknown>>();

/**
 * A database and all its transactions share one Drizzle session (one better-sqlite3 connection),
 * and a prepared query belongs to the session, so it serves the database and its transactions
 * alike. The session is internal to Drizzle's types (pinned version); the executor itself is the
 * fallback key.
 */
function sessionOf(db: Executor): object {
  return (db as unknown as { session?: object }).session ?? db;
}

/** The query `build` makes for `db`'s connection, built on first use. */
export function prepared<T>(db: Executor, build: (db: Executor) => T): T {
  const session = sessionOf(db);
  let perDb = preparedBySession.get(session);
  if (!perDb) {
    perDb = new Map();
    preparedBySession.set(session, perDb);
  }
  let query = perDb.get(build) as T | undefined;
  if (query === undefined) {
    query = build(db);
    perDb.set(build, query);
  }
  return query;
}
