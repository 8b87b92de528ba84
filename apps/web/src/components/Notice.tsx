import { AlertTriangle, CircleAlert, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

export type NoticeTone = 'info' | 'warning' | 'danger';

const TONES: Record<NoticeTone, { classes: string; icon: ReactNode }> = {
  info: { classes: 'border-line bg-soft text-fg-muted', icon: <Info /> },
  warning: {
    classes: 'border-transparent bg-warning-soft text-warning-text',
    icon: <AlertTriangle />,
  },
  danger: { classes: 'border-transparent bg-danger-soft text-danger-text', icon: <CircleAlert /> },
};

export interface NoticeProps {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  /** `alert` announces it immediately (use for errors that appear after an action). */
  role?: 'alert' | 'status';
  className?: string;
}

/** Inline message box: form errors, configuration hints. */
export function Notice({ tone = 'info', title, children, role, className }: NoticeProps) {
  const { classes, icon } = TONES[tone];
  return (
    <div
      role={role}
      className={cn(
        'flex gap-3 rounded-xl border px-3.5 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0',
        classes,
      )}
    >
      {icon}
      <div className={cn('min-w-0 leading-relaxed', className)}>
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title ? 'mt-0.5 opacity-90' : '')}>{children}</div> : null}
      </div>
    </div>
  );
}
