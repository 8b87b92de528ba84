import { CircleAlert, CircleStop, Info } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Kbd, Spinner } from '../../components';
import { cn } from '../../lib/cn';
import type { ReplyRun } from './store';

/** How long "Stopped" / "Title set" stay visible after a reply ends. */
const ENDED_VISIBLE_MS = 6000;

function Line({
  tone,
  icon,
  children,
}: {
  tone: 'muted' | 'danger';
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        'flex min-w-0 items-center gap-1.5 [&_svg]:size-3.5 [&_svg]:shrink-0',
        tone === 'danger' ? 'text-danger-text' : 'text-fg-muted',
      )}
    >
      {icon}
      <span className="min-w-0 truncate">{children}</span>
    </span>
  );
}

/**
 * One line above the composer saying what the reply is doing ("Thinking…", "Asking 2 models…")
 * or how it ended. Announced politely to screen readers.
 */
export function StatusLine({
  run,
  sending,
  showStopHint,
}: {
  run: ReplyRun | undefined;
  sending: boolean;
  showStopHint: boolean;
}) {
  const endedKey = run && run.phase !== 'running' ? `${run.jobId}:${run.phase}` : null;
  const [hidden, setHidden] = useState<string | null>(null);
  useEffect(() => {
    if (!endedKey || run?.phase === 'error') return;
    const timer = setTimeout(() => {
      setHidden(endedKey);
    }, ENDED_VISIBLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [endedKey, run?.phase]);

  let content: ReactNode = null;
  if (sending) {
    content = (
      <Line tone="muted" icon={<Spinner size="xs" />}>
        Sending…
      </Line>
    );
  } else if (run?.phase === 'running') {
    content = (
      <>
        <Line tone="muted" icon={<Spinner size="xs" />}>
          {run.status ?? 'Thinking…'}
        </Line>
        {showStopHint ? (
          <span className="ml-auto hidden shrink-0 items-center gap-1 text-fg-subtle sm:flex">
            <Kbd>Esc</Kbd> to stop
          </span>
        ) : null}
      </>
    );
  } else if (run && endedKey !== hidden) {
    // A failed answer says so on its card (and in a toast); the line covers the rest.
    if (run.phase === 'error' && run.commandOnly) {
      content = (
        <Line tone="danger" icon={<CircleAlert />}>
          The answer failed{run.error ? `: ${run.error}` : '.'}
        </Line>
      );
    } else if (run.phase === 'cancelled') {
      content = (
        <Line tone="muted" icon={<CircleStop />}>
          Stopped — the text so far is kept.
        </Line>
      );
    } else if (run.commandOnly && run.status) {
      // A command-only message (`/title …`, `/delete`): say what it did.
      content = (
        <Line tone="muted" icon={<Info />}>
          {run.status}
        </Line>
      );
    }
  }

  return (
    <div
      role="status"
      aria-live="polite"
      className={cn(
        'flex min-h-0 items-center gap-2 px-1 text-xs transition-[height]',
        content ? 'h-6' : 'h-0 overflow-hidden',
      )}
    >
      {content}
    </div>
  );
}
