import type { MessageStatus } from '@margin/shared';
import { Check } from 'lucide-react';
import { Badge, Spinner } from '../../components';

const ENDED: Record<
  'cancelled' | 'error' | 'interrupted',
  { text: string; tone: 'warning' | 'danger' }
> = {
  cancelled: { text: 'Stopped', tone: 'warning' },
  error: { text: 'Failed', tone: 'danger' },
  interrupted: { text: 'Interrupted', tone: 'warning' },
};

/** Where a doubt's answer stands: answering, answered, stopped, failed, interrupted. */
export function DoubtStatusBadge({ status }: { status: MessageStatus }) {
  if (status === 'streaming') {
    return (
      <Badge tone="accent">
        <Spinner size="xs" />
        Answering…
      </Badge>
    );
  }
  if (status === 'complete') {
    return (
      <span className="inline-flex items-center gap-1 text-success-text">
        <Check aria-hidden className="size-3.5" />
        Answered
      </span>
    );
  }
  const { text, tone } = ENDED[status];
  return (
    <Badge tone={tone} dot>
      {text}
    </Badge>
  );
}
