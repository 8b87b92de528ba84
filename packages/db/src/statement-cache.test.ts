import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements } from './statement-cache.js';

function database() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  sqlite.exec("insert into t (name) values ('a'), ('b')");
  cachePreparedStatements(sqlite, 2);
  return sqlite;
}

describe('cachePreparedStatements', () => {
  it('reuses the compiled statement for the same SQL', () => {
    const sqlite = database();
    const first = sqlite.prepare('select name from t where id = ?');
    expect(sqlite.prepare('select name from t where id = ?')).toBe(first);
    expect(first.get(2)).toEqual({ name: 'b' });
  });

  it('hands out object rows again after a caller switched the statement to raw arrays', () => {
    const sqlite = database();
    expect(sqlite.prepare('select name from t order by id').raw().all()).toEqual([['a'], ['b']]);
    expect(sqlite.prepare('select name from t order by id').all()).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
  });

  it('compiles a fresh statement while the cached one is still iterating', () => {
    const sqlite = database();
    const names: string[] = [];
    const outer = sqlite.prepare('select name from t order by id');
    for (const row of outer.iterate() as Iterable<{ name: string }>) {
      const inner = sqlite.prepare('select name from t order by id');
      expect(inner).not.toBe(outer);
      names.push(row.name, ...inner.all().map((r) => (r as { name: string }).name));
    }
    expect(names).toEqual(['a', 'a', 'b', 'b', 'a', 'b']);
  });

  it('keeps at most the configured number of statements, dropping the oldest', () => {
    const sqlite = database();
    const one = sqlite.prepare('select 1');
    sqlite.prepare('select 2');
    sqlite.prepare('select 3');
    expect(sqlite.prepare('select 1')).not.toBe(one);
  });

  it('still runs writes through cached statements', () => {
    const sqlite = database();
    sqlite.prepare('insert into t (name) values (?)').run('c');
    sqlite.prepare('insert into t (name) values (?)').run('d');
    expect(sqlite.prepare('select count(*) as n from t').get()).toEqual({ n: 4 });
  });
});
