import { createClaimInput, type Claim } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { validate } from '../../lib/form';
import { claimInputFromForm, emptyForm, formFromClaim, parseEntities } from './claimForm';

const claim: Claim = {
  id: 'c1',
  statement: 'I work at Acme',
  type: 'fact',
  domain: 'work',
  status: 'active',
  confidence: 0.9,
  validFrom: new Date(2024, 0, 15),
  validTo: null,
  pinned: false,
  tags: ['job'],
  entities: [{ name: 'Acme', type: 'org', role: 'object' }],
  source: 'manual',
  sourceConversationId: null,
  sourceMessageId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};

describe('claim form', () => {
  it('round-trips a claim', () => {
    const values = formFromClaim(claim);
    expect(values).toMatchObject({ confidence: '90', validFrom: '2024-01-15', validTo: '' });
    const input = claimInputFromForm(values, claim.entities);
    expect(input.entities).toEqual([{ name: 'Acme', type: 'org', role: 'object' }]);
    expect(input.confidence).toBeCloseTo(0.9);
    expect(validate(createClaimInput, input).success).toBe(true);
  });

  it('reports the schema errors on the right fields', () => {
    const bad = claimInputFromForm(
      emptyForm({
        statement: '  ',
        confidence: '150',
        validFrom: '2024-05-01',
        validTo: '2024-01-01',
      }),
    );
    const result = validate(createClaimInput, bad);
    expect(result.success).toBe(false);
    expect(result.errors.statement).toBe('A memory needs a statement');
    expect(result.errors.confidence).toBeDefined();
  });

  it('reports an end of validity before its start', () => {
    const result = validate(
      createClaimInput,
      claimInputFromForm(
        emptyForm({ statement: 'x', validFrom: '2024-05-01', validTo: '2024-01-01' }),
      ),
    );
    expect(result.errors.validTo).toBe('The end of validity must not be before its start');
  });

  it('parses entity names once each', () => {
    expect(parseEntities('Ada, , Bob, Ada')).toEqual([
      { name: 'Ada', type: 'other', role: 'mentioned' },
      { name: 'Bob', type: 'other', role: 'mentioned' },
    ]);
  });
});
