import type { Claim } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLDS, summarizeProposals, toProposal } from './proposals.js';

const candidate = {
  statement: 'I live in Lyon',
  type: 'fact' as const,
  domain: 'personal' as const,
  confidence: 0.8,
};
const claim = { id: 'c1', statement: 'I live in Paris' } as Claim;
const at = (similarity: number, method: 'cosine' | 'lexical') =>
  toProposal(candidate, 0, { claim, similarity, method });

describe('toProposal', () => {
  it('reads cosine and lexical similarity on their own scales', () => {
    expect(MATCH_THRESHOLDS.cosine.duplicate).toBe(0.92);
    expect([0.95, 0.85, 0.65, 0.5].map((s) => at(s, 'cosine').action)).toEqual([
      'skip',
      'update',
      'add',
      'add',
    ]);
    // "I live in Paris" / "I live in Lyon" is 0.75 lexically: an update, not a duplicate.
    expect([0.9, 0.75, 0.5, 0.3].map((s) => at(s, 'lexical').action)).toEqual([
      'skip',
      'update',
      'add',
      'add',
    ]);
    expect(at(0.5, 'lexical').match).toEqual({
      claimId: 'c1',
      statement: 'I live in Paris',
      similarity: 0.5,
    });
    expect(at(0.3, 'lexical').match).toBeNull();
    expect(toProposal(candidate, 3, null)).toMatchObject({ index: 3, action: 'add', match: null });
  });

  it('summarises a plan in a sentence', () => {
    expect(summarizeProposals([])).toBe('No new memories found.');
    expect(summarizeProposals([at(0.95, 'cosine')])).toBe('Found 1 memory: 1 already saved.');
    expect(summarizeProposals([at(0.85, 'cosine'), at(0.1, 'cosine')])).toBe(
      'Found 2 memories: 1 new, 1 to update.',
    );
  });
});
