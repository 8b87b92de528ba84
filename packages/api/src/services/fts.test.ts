import { createTestDb } from '@margin/db/testing';
import type { DbHandle } from '@margin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FTS_MAX_TERMS, toFtsQuery } from './fts.js';

describe('toFtsQuery', () => {
  it.each([
    ['zebra', '"zebra"*'],
    ['  state-of-the-art  zebra ', '"state-of-the-art" "zebra"*'],
    ['say "hi"', '"say" """hi"""*'],
    ['"unbalanced', '"""unbalanced"*'],
    ['NEAR(a b)', '"NEAR(a" "b)"*'],
    ['foo*', '"foo*"*'],
    ['AND', '"AND"*'],
    ['a OR b', '"a" "OR" "b"*'],
    ['col:val', '"col:val"*'],
    ['ünïcödé 数据库', '"ünïcödé" "数据库"*'],
    ['tab\tand\nnewline', '"tab" "and" "newline"*'],
    ['zebra ( :', '"zebra"*'],
  ])('%j → %s', (raw, expected) => {
    expect(toFtsQuery(raw)).toBe(expected);
  });

  it.each(['', '   ', '(', ':', '*', '""', '- + ^ ( ) : *', '\u0000', '🙂'])(
    '%j has no searchable term → null',
    (raw) => {
      expect(toFtsQuery(raw)).toBeNull();
    },
  );

  it('drops control characters and caps the number of terms', () => {
    expect(toFtsQuery('ze\u0000bra')).toBe('"ze" "bra"*');
    const many = Array.from({ length: FTS_MAX_TERMS + 10 }, (_, i) => `w${i}`).join(' ');
    expect(toFtsQuery(many)?.split(' ')).toHaveLength(FTS_MAX_TERMS);
  });
});

describe('toFtsQuery against SQLite FTS5', () => {
  let handle: DbHandle;
  beforeAll(() => {
    handle = createTestDb();
    handle.sqlite.exec(
      `CREATE VIRTUAL TABLE t USING fts5(content, tokenize='unicode61 remove_diacritics 2');
       INSERT INTO t(content) VALUES ('The state of the art'), ('Near Ünïcödé words'),
         ('foo bar'), ('OR and NOT are words too');`,
    );
  });
  afterAll(() => handle.close());

  const run = (raw: string) => {
    const q = toFtsQuery(raw);
    if (q === null) return [];
    return handle.sqlite
      .prepare<[string], { content: string }>('SELECT content FROM t WHERE t MATCH ? ORDER BY rank')
      .all(q)
      .map((r) => r.content);
  };

  it('finds the plain words', () => {
    expect(run('state-of-the-art')).toEqual(['The state of the art']);
    expect(run('unicode')).toEqual(['Near Ünïcödé words']);
    expect(run('NEAR(ünïcödé words)')).toEqual(['Near Ünïcödé words']);
    expect(run('fo')).toEqual(['foo bar']);
    expect(run('foo*')).toEqual(['foo bar']);
    expect(run('OR NOT')).toEqual(['OR and NOT are words too']);
    expect(run('"unbalanced')).toEqual([]);
  });

  it('never produces an FTS5 syntax error (fuzzed)', () => {
    const alphabet = [
      'a',
      'B',
      ' ',
      '"',
      "'",
      '*',
      '-',
      '+',
      '^',
      ':',
      '(',
      ')',
      '{',
      '}',
      ',',
      'NEAR',
      'AND',
      'OR',
      'NOT',
      'ü',
      '数',
      '🙂',
      '\t',
      '\\',
      '\u0000',
      '\u0301',
      '.',
      '/',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const len = next() % 12;
      let raw = '';
      for (let j = 0; j < len; j++) raw += alphabet[next() % alphabet.length] ?? '';
      expect(() => run(raw), JSON.stringify(raw)).not.toThrow();
    }
  });
});
