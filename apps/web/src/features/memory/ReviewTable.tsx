import type { ClaimDomain, ClaimType, ProposalAction } from '@margin/shared';
import { Badge, Checkbox, Select, Textarea, type SelectOption } from '../../components';
import { cn } from '../../lib/cn';
import { DOMAIN_OPTIONS, TYPE_OPTIONS } from './labels';
import { changeRow, rowError, type ReviewRow, type RowChange } from './review';

const ACTION_BADGES: Record<
  ProposalAction,
  { label: string; tone: 'accent' | 'warning' | 'neutral' }
> = {
  add: { label: 'New', tone: 'accent' },
  update: { label: 'Update', tone: 'warning' },
  skip: { label: 'Skip', tone: 'neutral' },
};

function actionOptions(row: ReviewRow): SelectOption<ProposalAction>[] {
  return [
    { value: 'add', label: 'Add as new' },
    {
      value: 'update',
      label: 'Update the existing one',
      disabled: !row.proposal.match,
    },
    { value: 'skip', label: 'Skip' },
  ];
}

/**
 * Proposed memories as editable rows: a checkbox, the statement, type and area, what will happen
 * (new / update the matched memory / skip) with the matched memory and how similar it is.
 */
export function ReviewTable({
  rows,
  onChange,
  disabled,
}: {
  rows: ReviewRow[];
  onChange: (rows: ReviewRow[]) => void;
  disabled?: boolean;
}) {
  const change = (index: number, c: RowChange) => {
    onChange(changeRow(rows, index, c));
  };
  return (
    <ul className="flex flex-col gap-2" aria-label="Proposed memories">
      {rows.map((row, position) => {
        const badge = ACTION_BADGES[row.action];
        const match = row.proposal.match;
        const error = rowError(row);
        return (
          <li
            key={row.index}
            className={cn(
              'rounded-xl border border-line p-3 transition-colors',
              row.checked ? 'bg-raised' : 'bg-soft/50',
            )}
          >
            <div className="flex items-start gap-3">
              <Checkbox
                checked={row.checked}
                disabled={disabled}
                onCheckedChange={(checked) => {
                  change(row.index, { checked });
                }}
                label={<span className="sr-only">Save suggestion {position + 1}</span>}
                className="pt-2"
              />
              <div className="flex min-w-0 flex-1 flex-col gap-2">
                <div className="flex flex-wrap items-center gap-1.5 text-xs text-fg-subtle">
                  <Badge tone={badge.tone}>{badge.label}</Badge>
                  {match && !row.proposal.reason.includes('%') ? (
                    <span>{String(Math.round(match.similarity * 100))}% similar</span>
                  ) : null}
                  {row.proposal.reason ? (
                    <span className="truncate">{row.proposal.reason}</span>
                  ) : null}
                </div>
                <Textarea
                  rows={2}
                  aria-label={`Statement ${String(position + 1)}`}
                  aria-invalid={error ? true : undefined}
                  disabled={disabled}
                  value={row.statement}
                  className="min-h-14"
                  onChange={(e) => {
                    change(row.index, { statement: e.target.value });
                  }}
                />
                {error ? (
                  <p role="alert" className="text-xs font-medium text-danger-text">
                    {error}
                  </p>
                ) : null}
                {match ? (
                  <p className="rounded-lg bg-soft px-2.5 py-1.5 text-xs text-fg-muted">
                    <span className="font-medium text-fg">Existing memory:</span> {match.statement}
                  </p>
                ) : null}
                <div className="grid gap-2 sm:grid-cols-3">
                  <Select<ClaimType>
                    aria-label={`Type of suggestion ${String(position + 1)}`}
                    value={row.type}
                    options={TYPE_OPTIONS}
                    disabled={disabled}
                    className="h-9"
                    onValueChange={(type) => {
                      change(row.index, { type });
                    }}
                  />
                  <Select<ClaimDomain>
                    aria-label={`Area of suggestion ${String(position + 1)}`}
                    value={row.domain}
                    options={DOMAIN_OPTIONS}
                    disabled={disabled}
                    className="h-9"
                    onValueChange={(domain) => {
                      change(row.index, { domain });
                    }}
                  />
                  <Select<ProposalAction>
                    aria-label={`Action for suggestion ${String(position + 1)}`}
                    value={row.action}
                    options={actionOptions(row)}
                    disabled={disabled}
                    className="h-9"
                    onValueChange={(action) => {
                      change(row.index, { action });
                    }}
                  />
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
