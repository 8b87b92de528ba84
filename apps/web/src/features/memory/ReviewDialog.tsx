import type { ExecutePlanResult, Proposal } from '@margin/shared';
import { useState } from 'react';
import { Button, Dialog, DialogFooter, Notice, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import {
  approvedItems,
  countActions,
  initialRows,
  resultMessage,
  selectedRows,
  setAllChecked,
  type ApprovedItem,
} from './review';
import { ReviewTable } from './ReviewTable';

export interface ReviewDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  proposals: Proposal[];
  /** Saves the approved rows (executeUpdates / executeIngest). */
  onSave: (approved: ApprovedItem[]) => Promise<ExecutePlanResult>;
  /** After saving (the result toast is shown already). */
  onSaved?: (result: ExecutePlanResult) => void;
}

/** Review proposed memories, edit them, save the ticked ones. Nothing is saved without this. */
export function ReviewDialog({ open, onOpenChange, ...props }: ReviewDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="xl"
      title={props.title}
      description={props.description}
    >
      <ReviewForm
        {...props}
        onClose={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function ReviewForm({
  proposals,
  onSave,
  onSaved,
  onClose,
}: Omit<ReviewDialogProps, 'open' | 'onOpenChange' | 'title' | 'description'> & {
  onClose: () => void;
}) {
  const [rows, setRows] = useState(() => initialRows(proposals));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const counts = countActions(rows);
  const selected = selectedRows(rows).length;
  const allChecked = rows.every((r) => r.checked);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const result = await onSave(approvedItems(rows));
      toast.success(resultMessage(result));
      onSaved?.(result);
      onClose();
    } catch (e) {
      setError(getErrorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-fg-muted">
        <p>
          {counts.add} new · {counts.update} {counts.update === 1 ? 'update' : 'updates'} ·{' '}
          {counts.skip} skipped · <span className="font-medium text-fg">{selected} selected</span>
        </p>
        <Button
          size="sm"
          variant="ghost"
          disabled={saving}
          onClick={() => {
            setRows(setAllChecked(rows, !allChecked));
          }}
        >
          {allChecked ? 'Deselect all' : 'Select all'}
        </Button>
      </div>
      {error ? (
        <Notice tone="danger" role="alert" title="Couldn’t save">
          {error}
        </Notice>
      ) : null}
      <ReviewTable rows={rows} onChange={setRows} disabled={saving} />
      <DialogFooter className="sticky bottom-0 mt-2 bg-raised pt-2">
        <Button variant="secondary" disabled={saving} onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          loading={saving}
          disabled={selected === 0}
          onClick={() => void save()}
        >
          Save selected ({selected})
        </Button>
      </DialogFooter>
    </div>
  );
}
