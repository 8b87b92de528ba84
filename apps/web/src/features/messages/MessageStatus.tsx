import type { MessageStatus as Status } from '@margin/shared';
import { Badge, Spinner, Tooltip } from '../../components';

const LABELS: Record<Exclude<Status, 'complete' | 'streaming'>, { text: string; hint: string }> = {
  cancelled: { text: 'Stopped', hint: 'The answer was stopped before it finished.' },
  error: { text: 'Failed', hint: 'Generating this answer failed; the text so far is kept.' },
  interrupted: {
    text: 'Interrupted',
    hint: 'The server restarted while this answer was being written; the text so far is kept.',
  },
};

/** Badge for answers that did not complete normally (nothing for complete ones). */
export function MessageStatusBadge({ status }: { status: Status }) {
  if (status === 'complete') return null;
  if (status === 'streaming') {
    return (
      <Badge tone="accent">
        <Spinner size="xs" />
        Writing…
      </Badge>
    );
  }
  const { text, hint } = LABELS[status];
  return (
    <Tooltip content={hint}>
      <span tabIndex={0} className="inline-flex rounded-full">
        <Badge tone={status === 'error' ? 'danger' : 'warning'} dot>
          {text}
        </Badge>
      </span>
    </Tooltip>
  );
}
