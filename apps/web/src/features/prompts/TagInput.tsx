import { PROMPT_LIMITS } from '@margin/shared';
import { X } from 'lucide-react';
import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useFieldControl } from '../../components';
import { cn } from '../../lib/cn';

export interface TagInputProps {
  value: string[];
  onChange: (tags: string[]) => void;
  /** Existing tags offered while typing. */
  suggestions?: readonly string[];
  placeholder?: string;
  id?: string;
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim().slice(0, PROMPT_LIMITS.tagMax))
    .filter(Boolean);
}

/**
 * Tags as removable chips. Enter or comma adds what was typed, Backspace in the empty box removes
 * the last chip, pasting "a, b, c" adds three. Inside a <Field> the text box gets its label.
 */
export function TagInput({
  value,
  onChange,
  suggestions = [],
  placeholder = 'Add a tag…',
  id,
}: TagInputProps) {
  const field = useFieldControl({ id });
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const full = value.length >= PROMPT_LIMITS.tagsMax;

  const add = (raw: string) => {
    const next = [...value];
    for (const tag of splitTags(raw)) {
      if (!next.includes(tag) && next.length < PROMPT_LIMITS.tagsMax) next.push(tag);
    }
    if (next.length !== value.length) onChange(next);
    setText('');
  };

  const remove = (tag: string) => {
    onChange(value.filter((t) => t !== tag));
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',') && !event.nativeEvent.isComposing) {
      // Enter never submits the surrounding form from here; with nothing typed it does nothing.
      event.preventDefault();
      if (text.trim()) add(text);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      event.preventDefault();
      onChange(value.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!pasted.includes(',')) return;
    event.preventDefault();
    add(`${text},${pasted}`);
  };

  const offered = suggestions.filter((s) => !value.includes(s));

  return (
    <div
      className={cn(
        'flex min-h-10 w-full cursor-text flex-wrap items-center gap-1.5 rounded-lg border border-line-strong bg-raised px-2 py-1.5 shadow-xs transition-[border-color,box-shadow]',
        'hover:border-fg-subtle/60 focus-within:border-accent focus-within:ring-3 focus-within:ring-accent/20',
        field['aria-invalid'] && 'border-danger focus-within:ring-danger/20',
      )}
      onClick={(event) => {
        if (event.target === event.currentTarget) inputRef.current?.focus();
      }}
    >
      <ul className="contents" aria-label="Selected tags">
        {value.map((tag) => (
          <li
            key={tag}
            className="inline-flex h-6 items-center gap-1 rounded-md bg-soft pr-0.5 pl-2 text-xs font-medium text-fg"
          >
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => {
                remove(tag);
              }}
              className="flex size-5 items-center justify-center rounded text-fg-subtle hover:bg-soft-hover hover:text-fg"
            >
              <X className="size-3" aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={inputRef}
        {...field}
        type="text"
        list={offered.length > 0 ? listId : undefined}
        value={text}
        disabled={full}
        maxLength={PROMPT_LIMITS.tagMax}
        placeholder={
          full
            ? `At most ${String(PROMPT_LIMITS.tagsMax)} tags`
            : value.length > 0
              ? ''
              : placeholder
        }
        autoComplete="off"
        onChange={(e) => {
          const next = e.target.value;
          // A suggestion picked from the list, or a comma typed on a phone keyboard.
          if (next.includes(',')) add(next);
          else setText(next);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          if (text.trim()) add(text);
        }}
        className="h-6 min-w-24 flex-1 bg-transparent px-1 text-sm text-fg outline-none placeholder:text-fg-subtle focus-visible:outline-none disabled:cursor-not-allowed"
      />
      {offered.length > 0 ? (
        <datalist id={listId}>
          {offered.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
