import { Check, ChevronDown } from 'lucide-react';
import { Select as RadixSelect } from 'radix-ui';
import { cn } from '../lib/cn';
import { useFieldControl } from './Field';
import { controlClasses } from './Input';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  description?: string;
  disabled?: boolean;
}

export interface SelectProps<V extends string = string> {
  value: V | undefined;
  onValueChange: (value: V) => void;
  options: readonly SelectOption<V>[];
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  name?: string;
  'aria-label'?: string;
  className?: string;
}

/** Radix Select styled like Input. Inside a <Field>, it is labelled and described automatically. */
export function Select<V extends string = string>({
  value,
  onValueChange,
  options,
  placeholder = 'Select…',
  disabled,
  id,
  name,
  className,
  'aria-label': ariaLabel,
}: SelectProps<V>) {
  const field = useFieldControl({ id });
  return (
    <RadixSelect.Root
      value={value}
      onValueChange={(next) => {
        const option = options.find((o) => o.value === next);
        if (option) onValueChange(option.value);
      }}
      disabled={disabled}
      name={name}
    >
      <RadixSelect.Trigger
        {...field}
        aria-label={ariaLabel}
        className={cn(
          controlClasses,
          'flex h-10 items-center justify-between gap-2 px-3 text-left data-placeholder:text-fg-subtle',
          className,
        )}
      >
        <RadixSelect.Value placeholder={placeholder} />
        <RadixSelect.Icon>
          <ChevronDown className="size-4 text-fg-subtle" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={6}
          className="z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-xl border border-line bg-raised p-1 shadow-popover data-[state=open]:animate-pop-in"
        >
          <RadixSelect.Viewport>
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                className="relative flex cursor-pointer items-center rounded-lg py-2 pr-8 pl-2.5 text-sm text-fg outline-none select-none data-disabled:opacity-50 data-highlighted:bg-soft"
              >
                <div className="flex flex-col">
                  <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                  {option.description ? (
                    <span className="text-xs text-fg-subtle">{option.description}</span>
                  ) : null}
                </div>
                <RadixSelect.ItemIndicator className="absolute right-2.5">
                  <Check className="size-4 text-accent-text" />
                </RadixSelect.ItemIndicator>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
