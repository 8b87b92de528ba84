import { DOUBT_LIMITS } from '@margin/shared';
import { CornerDownRight, Send, Square } from 'lucide-react';
import { useId, useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { Button, Kbd, Notice, Textarea } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { VoiceInputButton } from '../audio';

export interface DoubtAskFormProps {
  /** Visible label of the field. */
  label: string;
  placeholder: string;
  submitLabel: string;
  /** Resolves when the question was accepted (the answer then streams in the tree). */
  onSubmit: (question: string) => Promise<unknown>;
  /** A doubt of this conversation is being answered: asking waits, Stop is offered. */
  running: boolean;
  onStop: () => void;
  /** Follow-up forms: a Cancel button, and focus on open. */
  onCancel?: () => void;
  autoFocus?: boolean;
  /** The panel focuses `[data-autofocus]` when it opens. */
  primary?: boolean;
}

/** A question box: Ctrl/⌘+Enter asks; an empty question asks for an explanation. */
export function DoubtAskForm({
  label,
  placeholder,
  submitLabel,
  onSubmit,
  running,
  onStop,
  onCancel,
  autoFocus = false,
  primary = false,
}: DoubtAskFormProps) {
  const id = useId();
  const [question, setQuestion] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = question.length > DOUBT_LIMITS.questionMax;

  const submit = async (event?: SubmitEvent) => {
    event?.preventDefault();
    if (pending || running || tooLong) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(question);
      setQuestion('');
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="flex flex-col gap-2" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id} className="text-xs font-medium text-fg-muted">
        {label}
      </label>
      <Textarea
        ref={inputRef}
        id={id}
        rows={2}
        value={question}
        placeholder={placeholder}
        // A follow-up box takes focus when shown; the panel focuses its main box itself.
        autoFocus={autoFocus}
        data-autofocus={primary || undefined}
        aria-invalid={tooLong || undefined}
        onChange={(event) => {
          setQuestion(event.target.value);
        }}
        onKeyDown={onKeyDown}
        className="min-h-16 resize-none bg-raised text-[14px]"
      />
      {error ? (
        <Notice tone="danger" role="alert">
          {error}
        </Notice>
      ) : null}
      {tooLong ? (
        <p role="alert" className="text-xs text-danger-text">
          At most {DOUBT_LIMITS.questionMax.toLocaleString()} characters.
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-2">
        <div className="mr-auto flex items-center gap-2">
          <VoiceInputButton inputRef={inputRef} setText={setQuestion} disabled={pending} />
          <span className="hidden text-xs text-fg-subtle sm:inline">
            <Kbd>Ctrl</Kbd> <Kbd>Enter</Kbd> to ask
          </span>
        </div>
        {onCancel ? (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        {running ? (
          <Button size="sm" variant="secondary" icon={<Square />} onClick={onStop}>
            Stop
          </Button>
        ) : null}
        <Button
          type="submit"
          size="sm"
          variant="primary"
          loading={pending}
          disabled={running || tooLong}
          icon={onCancel ? <CornerDownRight /> : <Send />}
          title={running ? 'Wait for the current answer, or stop it' : undefined}
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
