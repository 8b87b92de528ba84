import { SEARCH_HIGHLIGHT } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { parseSnippet } from './highlight';

const { start: S, end: E } = SEARCH_HIGHLIGHT;

describe('parseSnippet', () => {
  it('splits matched and plain text', () => {
    expect(parseSnippet(`…the ${S}trace${E} tree and ${S}guards${E}…`)).toEqual([
      { text: '…the ', match: false },
      { text: 'trace', match: true },
      { text: ' tree and ', match: false },
      { text: 'guards', match: true },
      { text: '…', match: false },
    ]);
  });

  it('keeps markup as text and tolerates unbalanced markers', () => {
    expect(parseSnippet(`<img src=x onerror=alert(1)> ${S}hit`)).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'hit', match: true },
    ]);
    expect(parseSnippet(`stray${E} end`)).toEqual([{ text: 'stray end', match: false }]);
    expect(parseSnippet('')).toEqual([]);
  });
});
