import { describe, expect, it } from 'vitest';
import { bulkError, bulkLines } from './bulk';

describe('bulkLines', () => {
  it('splits, strips list markers, drops blanks and repeats', () => {
    expect(
      bulkLines('- I like tea\n\n2. I live in Lyon\r\n* I like tea\n   • Walks daily  '),
    ).toEqual(['I like tea', 'I live in Lyon', 'Walks daily']);
  });

  it('keeps hyphenated words', () => {
    expect(bulkLines('-5 degrees is cold\nwell-known fact')).toEqual([
      '-5 degrees is cold',
      'well-known fact',
    ]);
  });
});

describe('bulkError', () => {
  it('explains what is wrong', () => {
    expect(bulkError([])).toMatch(/at least one/);
    expect(bulkError(Array.from({ length: 201 }, (_, i) => `m${String(i)}`))).toMatch(
      /At most 200/,
    );
    expect(bulkError(['ok', 'x'.repeat(2001)])).toMatch(/Line 2/);
    expect(bulkError(['fine'])).toBeUndefined();
  });
});
