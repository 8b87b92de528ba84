import type { Claim, ClaimSearchResult, RecallWhy } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { formatMemories, isRecallable } from './context-source.js';

const now = new Date('2026-06-01T12:00:00Z');

function result(statement: string, via: RecallWhy['via'], type: Claim['type'] = 'fact') {
  const claim = { id: statement, statement, type } as Claim;
  return { claim, score: 0, why: { rrf: 0, via } } satisfies ClaimSearchResult;
}

describe('isRecallable', () => {
  it('takes active and contested claims valid now, nothing else', () => {
    const base = { validFrom: null, validTo: null };
    expect(isRecallable({ ...base, status: 'active' }, now)).toBe(true);
    expect(isRecallable({ ...base, status: 'contested' }, now)).toBe(true);
    for (const status of ['retracted', 'superseded', 'historical', 'draft'] as const)
      expect(isRecallable({ ...base, status }, now)).toBe(false);
    const window = (from: string | null, to: string | null) =>
      isRecallable(
        {
          status: 'active',
          validFrom: from ? new Date(from) : null,
          validTo: to ? new Date(to) : null,
        },
        now,
      );
    expect(window('2026-01-01', '2026-12-31')).toBe(true);
    expect(window('2020-01-01', '2021-01-01')).toBe(false);
    expect(window('2027-01-01', null)).toBe(false);
    expect(window(null, '2026-06-01T12:00:00Z')).toBe(true);
  });
});

describe('formatMemories', () => {
  it('writes one labelled line per claim, in order, on one line each', () => {
    const { text, kept } = formatMemories([
      result('I have a dog', 'referenced'),
      result('I prefer tea', 'pinned', 'preference'),
      result('My thesis\nis on JITs', 'conversation_pinned'),
      result('I use Linux', 'search'),
      result('I was given this', 'attached'),
    ]);
    expect(text.split('\n')).toEqual([
      '- [referenced] [fact] I have a dog',
      '- [pinned] [preference] I prefer tea',
      '- [pinned here] [fact] My thesis is on JITs',
      '- [fact] I use Linux',
      '- [attached] [fact] I was given this',
    ]);
    expect(kept).toHaveLength(5);
  });

  it('keeps within the token budget and reports only what it kept', () => {
    const long = result(`I ${'really '.repeat(400)}like tea`, 'search');
    const { text, kept } = formatMemories(
      [result('First', 'pinned'), long, result('Last', 'search')],
      60,
    );
    expect(kept.map((k) => k.claim.statement)).toEqual(['First', 'Last']);
    expect(text).toBe('- [pinned] [fact] First\n- [fact] Last');
  });
});
