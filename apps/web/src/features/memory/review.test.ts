import type { Proposal } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import {
  approvedItems,
  changeRow,
  countActions,
  initialRows,
  resultMessage,
  rowError,
  selectedRows,
  setAllChecked,
} from './review';

const proposal = (over: Partial<Proposal> & Pick<Proposal, 'index'>): Proposal => ({
  statement: `Statement ${String(over.index)}`,
  type: 'fact',
  domain: 'personal',
  confidence: 0.8,
  action: 'add',
  reason: 'New',
  match: null,
  ...over,
});

const proposals: Proposal[] = [
  proposal({ index: 0 }),
  proposal({
    index: 1,
    action: 'update',
    match: { claimId: 'c1', statement: 'Old', similarity: 0.82 },
  }),
  proposal({
    index: 2,
    action: 'skip',
    match: { claimId: 'c2', statement: 'Same', similarity: 0.97 },
  }),
];

describe('review rows', () => {
  it('starts with skipped rows unchecked and the others checked', () => {
    const rows = initialRows(proposals);
    expect(rows.map((r) => r.checked)).toEqual([true, true, false]);
    expect(approvedItems(rows)).toEqual([{ index: 0 }, { index: 1 }]);
    expect(countActions(rows)).toEqual({ add: 1, update: 1, skip: 1 });
  });

  it('sends only the fields the user edited', () => {
    let rows = initialRows(proposals);
    rows = changeRow(rows, 0, { statement: '  I live in Lyon  ', domain: 'life_ops' });
    rows = changeRow(rows, 1, { action: 'add' });
    expect(approvedItems(rows)).toEqual([
      { index: 0, edits: { statement: 'I live in Lyon', domain: 'life_ops' } },
      { index: 1, edits: { action: 'add' } },
    ]);
  });

  it('ticking a skipped row saves it as new; choosing skip unticks', () => {
    let rows = initialRows(proposals);
    rows = changeRow(rows, 2, { checked: true });
    expect(rows[2]?.action).toBe('add');
    expect(approvedItems(rows).at(-1)).toEqual({ index: 2, edits: { action: 'add' } });
    rows = changeRow(rows, 0, { action: 'skip' });
    expect(rows[0]?.checked).toBe(false);
    expect(selectedRows(rows).map((r) => r.index)).toEqual([1, 2]);
  });

  it('never asks to update without a matched memory', () => {
    const rows = changeRow(initialRows(proposals), 0, { action: 'update' });
    expect(rows[0]?.action).toBe('add');
    const orphan = initialRows([proposal({ index: 5, action: 'update', match: null })]);
    expect(orphan[0]?.action).toBe('add');
  });

  it('select all / none', () => {
    const all = setAllChecked(initialRows(proposals), true);
    expect(all.every((r) => r.checked)).toBe(true);
    expect(all[2]?.action).toBe('add');
    expect(selectedRows(setAllChecked(all, false))).toEqual([]);
  });

  it('flags an emptied statement and leaves it out', () => {
    const rows = changeRow(initialRows(proposals), 0, { statement: '   ' });
    const [first] = rows;
    if (!first) throw new Error('no row');
    expect(rowError(first)).toBe('A memory needs a statement');
    expect(approvedItems(rows).map((a) => a.index)).toEqual([1]);
  });
});

describe('resultMessage', () => {
  it('says what happened', () => {
    expect(resultMessage({ created: 2, updated: 1 })).toBe('Memory saved: 2 added, 1 updated');
    expect(resultMessage({ created: 1, updated: 0 })).toBe('Memory saved: 1 added');
    expect(resultMessage({ created: 0, updated: 0 })).toBe('Nothing was saved');
  });
});
