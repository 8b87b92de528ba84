/** Helpers the security suites share: run any call to its end, and see whether anything was written. */
import type { DbHandle } from '@margin/db';

/** Awaits a call; a subscription is read until it ends or fails. */
export async function settle(result: Promise<unknown>): Promise<unknown> {
  const value = await result;
  if (value !== null && typeof value === 'object' && Symbol.asyncIterator in value) {
    const iterator = (value as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    while (!(await iterator.next()).done);
  }
  return value;
}

/** Every row of every table except session bookkeeping, as text: any write shows up. */
export function snapshot(dbHandle: DbHandle): string {
  const { sqlite } = dbHandle;
  const tables = sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '%_fts%' AND name NOT IN ('sessions', 'api_tokens', '__drizzle_migrations')
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()]),
    (_key, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v),
  );
}

/** The procedure at `path` ("a.b.c") of a caller, as a plain function. */
export function procedureAt(caller: object, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  if (typeof target !== 'function') throw new Error(`No procedure at ${path}`);
  return target as (input: unknown) => Promise<unknown>;
}
