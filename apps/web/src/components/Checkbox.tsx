import { Check } from 'lucide-react';
import { Checkbox as RadixCheckbox } from 'radix-ui';
import { useId, type ReactNode } from 'react';
import { cn } from '../lib/cn';

export interface CheckboxProps {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  id?: string;
  name?: string;
  className?: string;
}

/** A checkbox with its label (and optional description) always attached. */
export function Checkbox({
  checked,
  onCheckedChange,
  label,
  description,
  disabled,
  id,
  name,
  className,
}: CheckboxProps) {
  const generated = useId();
  const boxId = id ?? `checkbox-${generated}`;
  const descriptionId = description ? `${boxId}-description` : undefined;
  return (
    <div className={cn('flex items-start gap-2.5', className)}>
      <RadixCheckbox.Root
        id={boxId}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-describedby={descriptionId}
        onCheckedChange={(value) => {
          onCheckedChange(value === true);
        }}
        className={cn(
          'mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-[5px] border border-line-strong bg-raised shadow-xs transition-colors',
          'data-[state=checked]:border-accent data-[state=checked]:bg-accent data-[state=checked]:text-accent-fg',
          'disabled:cursor-not-allowed disabled:opacity-50',
        )}
      >
        <RadixCheckbox.Indicator>
          <Check className="size-3" strokeWidth={3} />
        </RadixCheckbox.Indicator>
      </RadixCheckbox.Root>
      <div className="grid gap-0.5">
        <label htmlFor={boxId} className="cursor-pointer text-sm leading-5 text-fg select-none">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-xs text-fg-subtle">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
