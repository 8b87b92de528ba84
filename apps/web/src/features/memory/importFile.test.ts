import { describe, expect, it } from 'vitest';
import { exportFilename, parseExportFile } from './importFile';

const claim = {
  id: 'c1',
  statement: 'I like tea',
  type: 'preference',
  domain: 'personal',
  status: 'active',
  confidence: null,
  validFrom: null,
  validTo: null,
  pinned: false,
  source: 'manual',
  tags: ['drinks'],
  entities: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('parseExportFile', () => {
  it('accepts an export and revives dates', () => {
    const result = parseExportFile(
      JSON.stringify({
        format: 'margin-pkb',
        version: 1,
        exportedAt: '2025-02-01T00:00:00Z',
        claims: [claim],
        conflicts: [],
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.claims[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('explains what is wrong', () => {
    expect(parseExportFile('nope')).toEqual({
      ok: false,
      error: 'This file is not JSON. Choose a file exported from Memory.',
    });
    const wrong = parseExportFile(JSON.stringify({ format: 'other', version: 1 }));
    expect(wrong.ok || wrong.error).toMatch(/not a Margin memory export/);
    const bad = parseExportFile(
      JSON.stringify({
        format: 'margin-pkb',
        version: 1,
        exportedAt: '2025-02-01',
        claims: [{ ...claim, type: 'nonsense' }],
        conflicts: [],
      }),
    );
    expect(bad.ok || bad.error).toMatch(/claims\.0\.type/);
  });
});

describe('exportFilename', () => {
  it('is dated', () => {
    expect(exportFilename(new Date('2025-03-04T10:00:00Z'))).toBe('margin-memory-2025-03-04.json');
  });
});
