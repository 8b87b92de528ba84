import { ToggleGroup } from 'radix-ui';
import { cn } from '../../lib/cn';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

/** One choice out of a few, as a row of segments (arrow keys move between them). */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  className,
}: {
  /** Accessible name of the group. */
  label: string;
  value: T;
  options: readonly SegmentedOption<T>[];
  onChange: (value: T) => void;
  className?: string;
}) {
  return (
    <ToggleGroup.Root
      type="single"
      aria-label={label}
      value={value}
      onValueChange={(next) => {
        // Clicking the chosen segment again would clear it: a choice is always required.
        const option = options.find((o) => o.value === next);
        if (option) onChange(option.value);
      }}
      className={cn('flex w-full rounded-lg bg-soft p-0.5', className)}
    >
      {options.map((option) => (
        <ToggleGroup.Item
          key={option.value}
          value={option.value}
          className={cn(
            'h-7 min-w-0 flex-auto truncate rounded-md px-1 text-xs font-medium sm:px-2 sm:text-[13px] text-fg-muted transition-colors',
            'hover:text-fg data-[state=on]:bg-raised data-[state=on]:text-fg data-[state=on]:shadow-sm',
            'dark:data-[state=on]:bg-soft-hover',
          )}
        >
          {option.label}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
