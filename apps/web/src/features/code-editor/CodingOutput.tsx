import { Lightbulb, Square, WandSparkles } from 'lucide-react';
import { Button, CopyIconButton, Notice, Spinner } from '../../components';
import { Markdown } from '../../lib/markdown';
import type { CodingHelp, CodingHelpKind } from './useCodingHelp';

const TITLES: Record<CodingHelpKind, string> = { hint: 'Hint', solution: 'Full solution' };

/** Streamed output of a hint or a solution, with Stop while it runs. */
export function CodingOutput({ kind, help }: { kind: CodingHelpKind; help: CodingHelp }) {
  const { result, running } = help;
  if (result.phase === 'idle') return null;
  const Icon = kind === 'hint' ? Lightbulb : WandSparkles;
  return (
    <section
      aria-label={TITLES[kind]}
      aria-busy={running || undefined}
      className="rounded-xl border border-line bg-raised shadow-xs"
    >
      <div className="flex h-10 items-center gap-2 border-b border-line pr-1.5 pl-3.5">
        <Icon aria-hidden className="size-4 text-accent-text" />
        <h3 className="text-sm font-semibold text-fg">{TITLES[kind]}</h3>
        {running ? (
          <span className="flex items-center gap-1.5 text-xs text-fg-subtle">
            <Spinner size="xs" />
            {result.status ?? 'Writing…'}
          </span>
        ) : result.phase === 'cancelled' ? (
          <span className="text-xs text-warning-text">Stopped</span>
        ) : null}
        <span className="ml-auto flex items-center gap-1">
          {running ? (
            <Button size="sm" variant="ghost" icon={<Square />} onClick={() => void help.stop()}>
              Stop
            </Button>
          ) : result.text.trim() ? (
            <CopyIconButton value={result.text} label={`Copy the ${TITLES[kind].toLowerCase()}`} />
          ) : null}
        </span>
      </div>
      <div className="px-3.5 py-3" aria-live="polite">
        {result.text.trim() ? (
          <Markdown text={result.text} className="text-sm leading-relaxed" />
        ) : running ? (
          <p className="text-sm text-fg-subtle">Thinking…</p>
        ) : null}
        {result.phase === 'error' ? (
          <Notice tone="danger" role="alert" title={`No ${TITLES[kind].toLowerCase()}`}>
            {result.error ?? 'The model returned an error.'}
          </Notice>
        ) : null}
      </div>
    </section>
  );
}
