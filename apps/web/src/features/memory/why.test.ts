import { describe, expect, it } from 'vitest';
import { describeWhy, formatConfidence, formatWhy } from './why';

describe('formatWhy', () => {
  it('shows both signals compactly', () => {
    expect(
      formatWhy({
        fts: { rank: 2, bm25: -3.1 },
        embedding: { rank: 1, cosine: 0.8312 },
        rrf: 0.032,
        via: 'search',
      }),
    ).toBe('text match #2 · meaning 0.83');
  });

  it('shows one signal alone', () => {
    expect(formatWhy({ embedding: { rank: 4, cosine: 0.5 }, rrf: 0.01 })).toBe('meaning 0.50');
    expect(formatWhy({ fts: { rank: 1, bm25: -1 }, rrf: 0.01 })).toBe('text match #1');
  });

  it('is empty when the claim was not searched for', () => {
    expect(formatWhy({ rrf: 0, via: 'pinned' })).toBe('');
  });
});

describe('describeWhy', () => {
  it('explains the via and the ranks', () => {
    const text = describeWhy({
      fts: { rank: 3, bm25: -2 },
      embedding: { rank: 1, cosine: 0.9 },
      rrf: 0.0325,
      via: 'search',
    });
    expect(text).toContain('It matched what you asked.');
    expect(text).toContain('Ranked #3 by the words');
    expect(text).toContain('similarity 0.90');
    expect(text).toContain('Combined score 0.0325.');
  });

  it('does not invent scores for a pinned memory', () => {
    expect(describeWhy({ rrf: 0, via: 'pinned' })).toBe(
      'Pinned memories are used in every answer.',
    );
  });
});

describe('formatConfidence', () => {
  it('rounds to a percentage', () => {
    expect(formatConfidence(0.856)).toBe('86%');
    expect(formatConfidence(null)).toBeNull();
    expect(formatConfidence(undefined)).toBeNull();
  });
});
