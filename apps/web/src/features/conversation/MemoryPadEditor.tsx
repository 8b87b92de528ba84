import { CONVERSATION_LIMITS } from '@margin/shared';
import { Check, RotateCw } from 'lucide-react';
import { useId, type KeyboardEvent } from 'react';
import { Button, Notice, PageSpinner, Textarea } from '../../components';
import { cn } from '../../lib/cn';
import { getErrorMessage } from '../../lib/errors';
import type { MemoryPadState } from './useMemoryPad';

export const MEMORY_PAD_DESCRIPTION =
  'Notes for this conversation; included in answers when you ask for it or mention the memory pad.';

/** Textarea + character count + Save, shared by the side panel and the mobile sheet. */
export function MemoryPadEditor({ pad }: { pad: MemoryPadState }) {
  const textareaId = useId();
  const { query } = pad;

  if (query.isPending) return <PageSpinner label="Loading the memory pad" />;
  if (query.isError) {
    return (
      <Notice tone="danger" role="alert" title="Couldn't load the memory pad">
        <p>{getErrorMessage(query.error)}</p>
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          icon={<RotateCw />}
          onClick={() => void query.refetch()}
        >
          Try again
        </Button>
      </Notice>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const saveKey = event.key === 's' || event.key === 'Enter';
    if (saveKey && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      if (pad.dirty && !pad.tooLong) void pad.save();
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <label htmlFor={textareaId} className="sr-only">
        Memory pad
      </label>
      <Textarea
        id={textareaId}
        value={pad.value}
        onChange={(event) => {
          pad.change(event.target.value);
        }}
        onKeyDown={onKeyDown}
        placeholder={
          'Key facts, decisions, names, numbers…\n\ne.g. “d_k = 64; prefers NumPy examples”'
        }
        aria-invalid={pad.tooLong || undefined}
        className="min-h-56 flex-1 resize-none text-[14px]"
      />
      {pad.error ? (
        <Notice tone="danger" role="alert">
          {pad.error}
        </Notice>
      ) : null}
      <div className="flex items-center gap-3">
        <span
          className={cn(
            'text-xs tabular-nums',
            pad.tooLong ? 'font-medium text-danger-text' : 'text-fg-subtle',
          )}
        >
          {pad.value.length.toLocaleString()} / {CONVERSATION_LIMITS.memoryPadMax.toLocaleString()}
        </span>
        <span
          role="status"
          className="flex items-center gap-1 text-xs font-medium text-success-text"
        >
          {pad.justSaved ? (
            <>
              <Check className="size-3.5" aria-hidden />
              Saved
            </>
          ) : pad.dirty ? (
            <span className="font-normal text-fg-subtle">Unsaved changes</span>
          ) : null}
        </span>
        <Button
          className="ml-auto"
          variant="primary"
          size="sm"
          loading={pad.saving}
          disabled={!pad.dirty || pad.tooLong}
          onClick={() => void pad.save()}
        >
          Save
        </Button>
      </div>
    </div>
  );
}
