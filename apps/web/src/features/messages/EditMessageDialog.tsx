import { MESSAGE_LIMITS, messageContentSchema, type Message } from '@margin/shared';
import { useState, type KeyboardEvent, type SubmitEvent } from 'react';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Kbd,
  Notice,
  Textarea,
  toast,
} from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export interface EditMessageDialogProps {
  message: Message | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: () => Promise<unknown>;
}

export function EditMessageDialog({
  message,
  open,
  onOpenChange,
  onSaved,
}: EditMessageDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="xl"
      title={message?.role === 'assistant' ? 'Edit answer' : 'Edit message'}
      description="The previous text stays in the version history."
    >
      {message ? (
        <EditMessageForm
          key={message.id}
          message={message}
          onDone={() => {
            onOpenChange(false);
          }}
          onSaved={onSaved}
        />
      ) : null}
    </Dialog>
  );
}

function EditMessageForm({
  message,
  onDone,
  onSaved,
}: {
  message: Message;
  onDone: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const [draft, setDraft] = useState(message.content);
  const [error, setError] = useState<string | null>(null);
  const edit = trpc.messages.edit.useMutation();
  const changed = draft !== message.content;

  const save = async () => {
    const parsed = messageContentSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the text');
      return;
    }
    setError(null);
    try {
      await edit.mutateAsync({ id: message.id, content: parsed.data });
      await onSaved();
      toast.success('Message updated');
      onDone();
    } catch (caught) {
      setError(getErrorMessage(caught));
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && changed) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {error ? (
        <Notice tone="danger" role="alert">
          {error}
        </Notice>
      ) : null}
      <Field
        label="Text"
        hint={`${draft.length.toLocaleString()} / ${MESSAGE_LIMITS.contentMax.toLocaleString()} characters · Markdown`}
      >
        <Textarea
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          onKeyDown={onKeyDown}
          rows={14}
          autoFocus
          spellCheck
          className="max-h-[60dvh] font-mono text-[13px] leading-relaxed"
        />
      </Field>
      <DialogFooter>
        <p className="mr-auto hidden text-xs text-fg-subtle sm:block">
          <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> to save
        </p>
        <DialogClose asChild>
          <Button variant="secondary" disabled={edit.isPending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={edit.isPending} disabled={!changed}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
