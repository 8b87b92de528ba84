/**
 * State of the proposal review table (memory suggestions after a reply, and imported text): one
 * editable row per proposal, and what `executeUpdates` / `executeIngest` are sent. Pure, so it is
 * tested without a browser.
 */
import type { ClaimDomain, ClaimType, Proposal, ProposalAction } from '@margin/shared';

export interface ReviewRow {
  index: number;
  statement: string;
  type: ClaimType;
  domain: ClaimDomain;
  action: ProposalAction;
  checked: boolean;
  proposal: Proposal;
}

export interface ApprovedItem {
  index: number;
  edits?: {
    statement?: string;
    type?: ClaimType;
    domain?: ClaimDomain;
    action?: 'add' | 'update';
  };
}

/** Every proposal as a row; the ones the server would skip (duplicates) start unchecked. */
export function initialRows(proposals: readonly Proposal[]): ReviewRow[] {
  return proposals.map((proposal) => ({
    index: proposal.index,
    statement: proposal.statement,
    type: proposal.type,
    domain: proposal.domain,
    // "Update" needs a memory to update.
    action: proposal.action === 'update' && !proposal.match ? 'add' : proposal.action,
    checked: proposal.action !== 'skip',
    proposal,
  }));
}

export type RowChange = Partial<Pick<ReviewRow, 'statement' | 'type' | 'domain' | 'action'>> & {
  checked?: boolean;
};

/** Applies a change to one row, keeping checkbox and action consistent. */
export function changeRow(
  rows: readonly ReviewRow[],
  index: number,
  change: RowChange,
): ReviewRow[] {
  return rows.map((row) => {
    if (row.index !== index) return row;
    const next: ReviewRow = { ...row, ...change };
    if (change.action === 'skip') next.checked = false;
    else if (change.action !== undefined) next.checked = true;
    // Ticking a skipped row means "save it anyway": as a new memory.
    if (change.checked === true && next.action === 'skip') next.action = 'add';
    if (next.action === 'update' && !row.proposal.match) next.action = 'add';
    return next;
  });
}

export function setAllChecked(rows: readonly ReviewRow[], checked: boolean): ReviewRow[] {
  return rows.map((row) => ({
    ...row,
    checked,
    action: checked && row.action === 'skip' ? 'add' : row.action,
  }));
}

/** Rows that will be saved. */
export function selectedRows(rows: readonly ReviewRow[]): ReviewRow[] {
  return rows.filter((row) => row.checked && row.action !== 'skip' && row.statement.trim() !== '');
}

/** A row whose statement was cleared cannot be saved: the table says so. */
export function rowError(row: ReviewRow): string | undefined {
  return row.checked && row.statement.trim() === '' ? 'A memory needs a statement' : undefined;
}

/** What the server needs: the approved indexes, with only the fields the user changed. */
export function approvedItems(rows: readonly ReviewRow[]): ApprovedItem[] {
  return selectedRows(rows).map((row) => {
    const edits: NonNullable<ApprovedItem['edits']> = {};
    const statement = row.statement.trim();
    if (statement !== row.proposal.statement.trim()) edits.statement = statement;
    if (row.type !== row.proposal.type) edits.type = row.type;
    if (row.domain !== row.proposal.domain) edits.domain = row.domain;
    if (row.action !== row.proposal.action && row.action !== 'skip') edits.action = row.action;
    return Object.keys(edits).length > 0 ? { index: row.index, edits } : { index: row.index };
  });
}

/** "2 new · 1 update · 1 skipped" for the dialog's summary line. */
export function countActions(rows: readonly ReviewRow[]): Record<ProposalAction, number> {
  const counts: Record<ProposalAction, number> = { add: 0, update: 0, skip: 0 };
  for (const row of rows) counts[row.action] += 1;
  return counts;
}

/** "3 added, 1 updated" (parts with zero are left out). */
export function resultMessage(result: { created: number; updated: number }): string {
  const parts: string[] = [];
  if (result.created > 0) parts.push(`${String(result.created)} added`);
  if (result.updated > 0) parts.push(`${String(result.updated)} updated`);
  return parts.length > 0 ? `Memory saved: ${parts.join(', ')}` : 'Nothing was saved';
}
