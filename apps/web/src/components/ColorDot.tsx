import type { Color } from '@margin/shared';
import { cn } from '../lib/cn';

/**
 * How each workspace/flag colour looks. These are data colours (the user picks them), so they use
 * Tailwind's palette directly; the shades read well on both themes.
 */
export const COLOR_META: Record<Color, { label: string; dot: string; text: string; fill: string }> =
  {
    danger: { label: 'Red', dot: 'bg-red-500', text: 'text-red-500', fill: 'fill-red-500' },
    orange: {
      label: 'Orange',
      dot: 'bg-orange-500',
      text: 'text-orange-500',
      fill: 'fill-orange-500',
    },
    warning: {
      label: 'Yellow',
      dot: 'bg-amber-400',
      text: 'text-amber-500',
      fill: 'fill-amber-400',
    },
    success: {
      label: 'Green',
      dot: 'bg-emerald-500',
      text: 'text-emerald-500',
      fill: 'fill-emerald-500',
    },
    info: { label: 'Cyan', dot: 'bg-cyan-500', text: 'text-cyan-500', fill: 'fill-cyan-500' },
    primary: { label: 'Blue', dot: 'bg-blue-500', text: 'text-blue-500', fill: 'fill-blue-500' },
    purple: {
      label: 'Purple',
      dot: 'bg-violet-500',
      text: 'text-violet-500',
      fill: 'fill-violet-500',
    },
    pink: { label: 'Pink', dot: 'bg-pink-500', text: 'text-pink-500', fill: 'fill-pink-500' },
  };

/** Colours in the order pickers show them (warm to cool): all eight of the shared enum. */
export const COLOR_ORDER = [
  'danger',
  'orange',
  'warning',
  'success',
  'info',
  'primary',
  'purple',
  'pink',
] as const satisfies readonly Color[];

export function colorLabel(color: Color | null): string {
  return color ? COLOR_META[color].label : 'None';
}

/** A small round colour swatch; `null` draws an empty ring ("no colour"). Decorative. */
export function ColorDot({
  color,
  size = 'sm',
  className,
}: {
  color: Color | null;
  size?: 'xs' | 'sm' | 'md';
  className?: string;
}) {
  return (
    <span
      aria-hidden
      className={cn(
        'inline-block shrink-0 rounded-full',
        size === 'xs' && 'size-2',
        size === 'sm' && 'size-2.5',
        size === 'md' && 'size-3.5',
        color ? COLOR_META[color].dot : 'border border-dashed border-fg-subtle',
        className,
      )}
    />
  );
}
