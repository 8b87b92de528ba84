import type Database from 'better-sqlite3';

/**
 * Drizzle compiles a new SQLite statement for every query it runs; compiling costs more than
 * running the small indexed queries this app makes. The SQL text of a query shape never changes
 * (values are bound parameters), so compiled statements are kept per SQL text and reused.
 * A statement still running (an open `iterate()`) is never handed out twice.
 */
export function cachePreparedStatements(sqlite: Database.Database, maxStatements = 1000): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  const cached = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Drizzle switches statements to array rows with raw(); each use starts from objects.
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const statement = prepare(source);
    if (hit) return statement;
    if (cache.size >= maxStatements) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(source, statement);
    return statement;
  };
  sqlite.prepare = cached as Database.Database['prepare'];
}
