import { cn } from '../../lib/cn';

const numberFormat = new Intl.NumberFormat();

/** "1,234 / 20,000" — amber near the limit, red over it. */
export function CharCount({
  length,
  max,
  className,
}: {
  length: number;
  max: number;
  className?: string;
}) {
  const over = length > max;
  const near = !over && length >= max * 0.9;
  return (
    <span
      className={cn(
        'text-xs tabular-nums',
        over ? 'font-medium text-danger-text' : near ? 'text-warning-text' : 'text-fg-subtle',
        className,
      )}
    >
      {numberFormat.format(length)} / {numberFormat.format(max)}
      <span className="sr-only"> characters</span>
    </span>
  );
}
