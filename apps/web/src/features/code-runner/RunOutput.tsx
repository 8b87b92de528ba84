import { Square, X } from 'lucide-react';
import { Badge, Button, Notice, Spinner } from '../../components';
import { cn } from '../../lib/cn';
import { exitLabel, formatRunDuration } from './languages';
import type { CodeRun } from './useCodeRun';

/** What a run printed, under the code it ran: stdout, stderr (in the danger colour), exit, time. */
export function RunOutput({ run, className }: { run: CodeRun; className?: string }) {
  const { state } = run;
  if (state.phase === 'idle') return null;
  return (
    <section
      aria-label="Run output"
      aria-busy={state.phase === 'running' || undefined}
      data-testid="run-output"
      className={cn('border-t border-line bg-soft/50 text-[13px]', className)}
    >
      <div className="flex min-h-9 flex-wrap items-center gap-x-2 gap-y-1 py-1 pr-1 pl-3.5">
        <span className="text-xs font-semibold text-fg-muted">Output</span>
        {state.phase === 'running' ? (
          <span className="flex items-center gap-1.5 text-xs text-fg-subtle">
            <Spinner size="xs" />
            Running…
          </span>
        ) : null}
        {state.phase === 'done' ? (
          <>
            <Badge tone={state.result.exitCode === 0 ? 'success' : 'danger'}>
              {exitLabel(state.result.exitCode, state.result.timedOut)}
            </Badge>
            {state.result.timedOut ? <Badge tone="warning">Timed out</Badge> : null}
            {state.result.truncated ? <Badge tone="warning">Output truncated</Badge> : null}
            <span className="text-xs text-fg-subtle">
              {formatRunDuration(state.result.durationMs)}
            </span>
          </>
        ) : null}
        {state.phase === 'cancelled' ? (
          <span className="text-xs text-warning-text">Cancelled</span>
        ) : null}
        <span className="ml-auto flex items-center">
          {state.phase === 'running' ? (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-xs"
              icon={<Square />}
              onClick={run.cancel}
            >
              Cancel
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              className="h-7 px-2 text-xs"
              icon={<X />}
              onClick={run.clear}
              aria-label="Close the output"
            >
              Close
            </Button>
          )}
        </span>
      </div>
      <div aria-live="polite">
        {state.phase === 'done' ? (
          <Streams stdout={state.result.stdout} stderr={state.result.stderr} />
        ) : null}
        {state.phase === 'error' ? (
          <div className="px-3 pb-3">
            <Notice tone="danger" role="alert" title="Couldn't run the code">
              {state.message}
            </Notice>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function Streams({ stdout, stderr }: { stdout: string; stderr: string }) {
  if (!stdout && !stderr) {
    return <p className="px-3.5 pb-3 text-xs text-fg-subtle italic">No output.</p>;
  }
  const stream =
    'm-0 max-h-80 overflow-auto px-3.5 pb-3 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap break-words';
  return (
    <>
      {stdout ? (
        <pre data-testid="run-stdout" className={cn(stream, 'text-fg')}>
          {stdout}
        </pre>
      ) : null}
      {stderr ? (
        <pre
          data-testid="run-stderr"
          aria-label="Errors"
          className={cn(stream, 'border-l-2 border-danger bg-danger-soft/40 pt-2 text-danger-text')}
        >
          {stderr}
        </pre>
      ) : null}
    </>
  );
}
