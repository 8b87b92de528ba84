import { initials } from '../lib/format';
import { cn } from '../lib/cn';

export function Avatar({
  name,
  email,
  size = 'md',
  className,
}: {
  name: string;
  email: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}) {
  return (
    <span
      aria-hidden
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-semibold text-accent-text select-none',
        size === 'sm' && 'size-6 text-[10px]',
        size === 'md' && 'size-8 text-xs',
        size === 'lg' && 'size-10 text-sm',
        className,
      )}
    >
      {initials(name, email)}
    </span>
  );
}
