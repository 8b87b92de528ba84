import { createContext, use, useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '../lib/cn';

interface FieldContextValue {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldContextValue | null>(null);

/**
 * Props a form control needs to be wired to its surrounding <Field>: id (for the label),
 * aria-describedby (hint + error) and aria-invalid. Controls call this themselves, so
 * `<Field label="Email" error={e}><Input /></Field>` is all a form needs.
 */
export function useFieldControl(props: {
  id?: string | undefined;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: ComponentProps<'input'>['aria-invalid'];
}) {
  const field = use(FieldContext);
  const describedBy =
    [props['aria-describedby'], field?.describedBy].filter(Boolean).join(' ') || undefined;
  return {
    id: props.id ?? field?.id,
    'aria-describedby': describedBy,
    'aria-invalid': props['aria-invalid'] ?? (field?.invalid ? true : undefined),
  };
}

export function Label({ className, ...props }: ComponentProps<'label'>) {
  return <label className={cn('text-sm font-medium text-fg', className)} {...props} />;
}

export interface FieldProps {
  label: ReactNode;
  /** Validation message; marks the control aria-invalid and is announced. */
  error?: string | undefined;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Optional element at the right of the label row (e.g. a "Forgot?" link). */
  labelAside?: ReactNode;
  id?: string;
  className?: string;
  children: ReactNode;
}

/** Label + control + hint + error, with the ARIA wiring done. */
export function Field({ label, error, hint, labelAside, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field-${generated}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <FieldContext value={{ id: controlId, describedBy, invalid: Boolean(error) }}>
      <div className={cn('flex flex-col gap-1.5', className)}>
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor={controlId}>{label}</Label>
          {labelAside}
        </div>
        {children}
        {hint && !error ? (
          <p id={hintId} className="text-xs text-fg-subtle">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} role="alert" className="text-xs font-medium text-danger-text">
            {error}
          </p>
        ) : null}
      </div>
    </FieldContext>
  );
}
