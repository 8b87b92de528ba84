import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

export interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Usually one <Button>. */
  action?: ReactNode;
  size?: 'sm' | 'md';
  className?: string;
}

/** Calm placeholder for "nothing here yet", "not allowed", "not found". */
export function EmptyState({
  icon,
  title,
  description,
  action,
  size = 'md',
  className,
}: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center text-center',
        size === 'sm' ? 'gap-2 px-4 py-6' : 'gap-3 px-6 py-12',
        className,
      )}
    >
      {icon ? (
        <div
          className={cn(
            'flex items-center justify-center rounded-2xl bg-soft text-fg-subtle',
            size === 'sm' ? 'size-9 [&_svg]:size-4.5' : 'size-12 [&_svg]:size-6',
          )}
        >
          {icon}
        </div>
      ) : null}
      <div className="max-w-sm">
        <p className={cn('font-medium text-fg', size === 'sm' ? 'text-sm' : 'text-base')}>
          {title}
        </p>
        {description ? (
          <p
            className={cn(
              'mt-1 text-fg-muted',
              size === 'sm' ? 'text-xs leading-relaxed' : 'text-sm leading-relaxed',
            )}
          >
            {description}
          </p>
        ) : null}
      </div>
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}
