import type { Color } from '@margin/shared';
import { Check } from 'lucide-react';
import { RadioGroup } from 'radix-ui';
import { cn } from '../lib/cn';
import { COLOR_META, COLOR_ORDER } from './ColorDot';

const NONE = 'none';

export interface ColorPickerProps {
  value: Color | null;
  onValueChange: (color: Color | null) => void;
  /** Accessible name of the group, e.g. "Folder colour". */
  label: string;
  className?: string;
}

/** "No colour" plus the eight shared colours as round swatches (a radio group: arrow keys move). */
export function ColorPicker({ value, onValueChange, label, className }: ColorPickerProps) {
  return (
    <RadioGroup.Root
      aria-label={label}
      value={value ?? NONE}
      onValueChange={(next) => {
        onValueChange(COLOR_ORDER.find((c) => c === next) ?? null);
      }}
      orientation="horizontal"
      loop
      className={cn('flex flex-wrap items-center gap-2', className)}
    >
      <RadioGroup.Item
        value={NONE}
        aria-label="No colour"
        title="No colour"
        className="group flex size-7 items-center justify-center rounded-full border border-dashed border-line-strong text-fg-subtle transition-transform hover:scale-110 data-[state=checked]:border-solid data-[state=checked]:border-fg-muted"
      >
        <span className="h-px w-3.5 rotate-45 bg-current group-data-[state=checked]:hidden" />
        <RadioGroup.Indicator>
          <Check className="size-3.5 text-fg" strokeWidth={3} />
        </RadioGroup.Indicator>
      </RadioGroup.Item>
      {COLOR_ORDER.map((color) => (
        <RadioGroup.Item
          key={color}
          value={color}
          aria-label={COLOR_META[color].label}
          title={COLOR_META[color].label}
          className={cn(
            'flex size-7 items-center justify-center rounded-full text-white transition-transform hover:scale-110',
            'data-[state=checked]:ring-2 data-[state=checked]:ring-fg/70 data-[state=checked]:ring-offset-2 data-[state=checked]:ring-offset-raised',
            COLOR_META[color].dot,
          )}
        >
          <RadioGroup.Indicator>
            <Check className="size-3.5" strokeWidth={3} />
          </RadioGroup.Indicator>
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
