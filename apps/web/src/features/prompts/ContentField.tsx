import { PROMPT_LIMITS } from '@margin/shared';
import { useRef } from 'react';
import { Field } from '../../components';
import { AutoHeightTextarea } from '../profile/AutoHeightTextarea';
import { CharCount } from '../profile/CharCount';
import { SyntaxHelp } from './SyntaxHelp';

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
}

/** The prompt text: monospace, grows with its content, with the syntax reference under it. */
export function ContentField({
  value,
  onChange,
  error,
  autoFocus = false,
  label = 'Content',
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  autoFocus?: boolean;
  label?: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);

  /** Puts `token` at the cursor (replacing a selection) and keeps typing there. */
  const insert = (token: string) => {
    const element = ref.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const lines = lineCount(value);
  return (
    <div className="flex flex-col gap-3">
      <Field
        label={label}
        error={error}
        labelAside={
          <span className="flex items-baseline gap-2 text-xs text-fg-subtle">
            <span className="max-sm:hidden">
              {lines} {lines === 1 ? 'line' : 'lines'} ·
            </span>
            <CharCount length={value.length} max={PROMPT_LIMITS.contentMax} />
          </span>
        }
      >
        <AutoHeightTextarea
          ref={ref}
          name="content"
          rows={8}
          autoFocus={autoFocus}
          spellCheck={false}
          value={value}
          placeholder="You are a careful assistant… Use {date} for today’s date or {other_prompt} to include another prompt."
          className="min-h-48 font-mono text-[13px] leading-relaxed"
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      </Field>
      <SyntaxHelp collapsible onInsert={insert} />
    </div>
  );
}
