import { Eye, EyeOff } from 'lucide-react';
import { useState, type ComponentProps } from 'react';
import { cn } from '../lib/cn';
import { useFieldControl } from './Field';

export const controlClasses = cn(
  'w-full rounded-lg border border-line-strong bg-raised text-sm text-fg shadow-xs transition-[border-color,box-shadow]',
  'placeholder:text-fg-subtle',
  'hover:border-fg-subtle/60',
  'focus-visible:border-accent focus-visible:ring-3 focus-visible:ring-accent/20 focus-visible:outline-none',
  'aria-invalid:border-danger aria-invalid:focus-visible:ring-danger/20',
  'disabled:cursor-not-allowed disabled:opacity-60',
);

/** Read-only text fields (e.g. a token to copy) get a muted fill. */
const textFieldClasses = 'read-only:bg-soft';

export type InputProps = ComponentProps<'input'>;

export function Input({ className, id, ...props }: InputProps) {
  const field = useFieldControl({
    id,
    'aria-describedby': props['aria-describedby'],
    'aria-invalid': props['aria-invalid'],
  });
  return (
    <input
      className={cn(controlClasses, textFieldClasses, 'h-10 px-3', className)}
      {...props}
      {...field}
    />
  );
}

export type TextareaProps = ComponentProps<'textarea'>;

export function Textarea({ className, id, rows = 4, ...props }: TextareaProps) {
  const field = useFieldControl({
    id,
    'aria-describedby': props['aria-describedby'],
    'aria-invalid': props['aria-invalid'],
  });
  return (
    <textarea
      rows={rows}
      className={cn(
        controlClasses,
        textFieldClasses,
        'min-h-20 resize-y px-3 py-2 leading-relaxed',
        className,
      )}
      {...props}
      {...field}
    />
  );
}

/** Password input with a show/hide toggle. */
export function PasswordInput({ className, ...props }: Omit<InputProps, 'type'>) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input
        type={visible ? 'text' : 'password'}
        className={cn('pr-10', className)}
        spellCheck={false}
        autoCapitalize="off"
        {...props}
      />
      <button
        type="button"
        onClick={() => {
          setVisible((v) => !v);
        }}
        aria-label={visible ? 'Hide password' : 'Show password'}
        aria-pressed={visible}
        className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-fg-subtle hover:text-fg"
      >
        {visible ? <EyeOff className="size-4" /> : <Eye className="size-4" />}
      </button>
    </div>
  );
}
