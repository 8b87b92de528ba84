import type { BulkCreateResult, ClaimDomain, ClaimType } from '@margin/shared';
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogFooter,
  Field,
  Notice,
  Select,
  Textarea,
  toast,
} from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { TagInput } from '../prompts/TagInput';
import { bulkError, bulkLines } from './bulk';
import { DOMAIN_OPTIONS, TYPE_OPTIONS } from './labels';
import { useInvalidateMemory } from './useMemoryCache';

/** Several memories at once, one per line; duplicates of existing ones are reported, not added. */
export function BulkAddDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title="Add several memories"
      description="One memory per line. Lines that repeat a memory you already have are skipped."
    >
      <BulkForm
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function BulkForm({ onDone }: { onDone: () => void }) {
  const invalidate = useInvalidateMemory();
  const bulk = trpc.pkb.claims.bulkCreate.useMutation();
  const [text, setText] = useState('');
  const [type, setType] = useState<ClaimType>('fact');
  const [domain, setDomain] = useState<ClaimDomain>('personal');
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<{ lines: string[]; data: BulkCreateResult } | null>(null);
  const lines = bulkLines(text);

  const save = async () => {
    const problem = bulkError(lines);
    if (problem) {
      setError(problem);
      return;
    }
    try {
      const data = await bulk.mutateAsync({
        claims: lines.map((statement) => ({ statement, type, domain, tags })),
      });
      void invalidate();
      if (data.duplicates.length === 0) {
        toast.success(`${String(data.created.length)} memories added`);
        onDone();
        return;
      }
      setResult({ lines, data });
    } catch (e) {
      setError(getErrorMessage(e));
    }
  };

  if (result) {
    const { created, duplicates } = result.data;
    return (
      <div className="flex flex-col gap-3">
        <Notice
          tone="info"
          role="status"
          title={`${String(created.length)} added, ${String(duplicates.length)} already there`}
        >
          These lines repeat memories you already have, so they were not added:
        </Notice>
        <ul className="flex flex-col gap-2 text-sm">
          {duplicates.map((d) => (
            <li key={d.index} className="rounded-lg border border-line p-2.5">
              <p className="text-fg">{result.lines[d.index] ?? ''}</p>
              <p className="mt-1 text-xs text-fg-muted">
                Same as “{d.existing.statement}” ({String(Math.round(d.similarity * 100))}% similar)
              </p>
            </li>
          ))}
        </ul>
        <DialogFooter>
          <Button variant="primary" onClick={onDone}>
            Done
          </Button>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        label="Memories"
        error={error}
        hint={
          lines.length > 0
            ? `${String(lines.length)} to add`
            : 'List markers like “-” or “1.” are removed.'
        }
      >
        <Textarea
          autoFocus
          rows={8}
          value={text}
          placeholder={'I prefer tea to coffee\nMy sister Ana lives in Porto\nI run on Tuesdays'}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Type for all">
          <Select value={type} options={TYPE_OPTIONS} onValueChange={setType} />
        </Field>
        <Field label="Area for all">
          <Select value={domain} options={DOMAIN_OPTIONS} onValueChange={setDomain} />
        </Field>
      </div>
      <Field label="Tags for all">
        <TagInput value={tags} onChange={setTags} />
      </Field>
      <DialogFooter className="mt-2">
        <Button variant="secondary" disabled={bulk.isPending} onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={bulk.isPending}>
          Add {lines.length > 0 ? String(lines.length) : ''} memories
        </Button>
      </DialogFooter>
    </form>
  );
}
