import { useEffect, useRef, useState } from 'react';
import { cn } from '../lib/cn';

export interface InlineEditProps {
  /** Starting text, selected on open. */
  value: string;
  /** Accessible name of the text box, e.g. "Rename conversation". */
  label: string;
  maxLength?: number;
  /** Enter or blur with a changed, non-empty value. */
  onSubmit: (value: string) => void;
  /** Escape, or blur without a change. */
  onDone: () => void;
  className?: string;
}

/**
 * A text box that replaces a label in place (rename a row). Enter saves, Escape cancels, leaving
 * the box saves. It takes focus once mounted, after any menu that opened it has closed.
 */
export function InlineEdit({
  value,
  label,
  maxLength,
  onSubmit,
  onDone,
  className,
}: InlineEditProps) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.select();
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, []);

  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const next = draft.trim();
    if (save && next !== '' && next !== value) onSubmit(next);
    onDone();
  };

  return (
    <input
      ref={ref}
      aria-label={label}
      value={draft}
      maxLength={maxLength}
      spellCheck={false}
      onChange={(event) => {
        setDraft(event.target.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(false);
        }
      }}
      onBlur={() => {
        finish(true);
      }}
      className={cn(
        'h-7 w-full min-w-0 rounded-md border border-accent bg-raised px-2 text-sm text-fg outline-none ring-3 ring-accent/20',
        className,
      )}
    />
  );
}
