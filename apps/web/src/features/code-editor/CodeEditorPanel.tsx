import { Lightbulb, Square, WandSparkles } from 'lucide-react';
import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from 'react';
import { Button, CopyIconButton, Select, Spinner, Textarea } from '../../components';
import { useTheme } from '../../lib/theme';
import { RunButton, RunOutput, useCodeRun, useRunnable } from '../code-runner';
import { CodingOutput } from './CodingOutput';
import { LANGUAGES, loadDraft, saveDraft, switchLanguage, type CodeDraft } from './draft';
import { useCodingHelp, type CodingHelp } from './useCodingHelp';

// CodeMirror arrives in its own chunk when the panel first opens.
const CodeMirrorEditor = lazy(() => import('./CodeMirrorEditor'));

const SAVE_DELAY_MS = 400;

function EditorLoading() {
  return (
    <div className="flex h-full items-center justify-center gap-2 text-sm text-fg-subtle">
      <Spinner size="sm" />
      Loading the editor…
    </div>
  );
}

function HelpButton({
  help,
  label,
  icon,
  variant,
  onStart,
}: {
  help: CodingHelp;
  label: string;
  icon: ReactNode;
  variant: 'primary' | 'secondary';
  onStart: () => void;
}) {
  if (help.running) {
    return (
      <Button variant="secondary" icon={<Square />} onClick={() => void help.stop()}>
        Stop {label.toLowerCase()}
      </Button>
    );
  }
  return (
    <Button variant={variant} icon={icon} onClick={onStart}>
      {label}
    </Button>
  );
}

/** Code + problem statement (kept per conversation in this browser), Hint and Full solution. */
export function CodeEditorPanel({ conversationId }: { conversationId: string }) {
  const contextId = useId();
  const { resolvedTheme } = useTheme();
  const [draft, setDraft] = useState<CodeDraft>(() => loadDraft(conversationId));
  const hint = useCodingHelp(conversationId, 'hint');
  const solution = useCodingHelp(conversationId, 'solution');
  const run = useCodeRun();
  const runnable = useRunnable()(draft.language);

  useEffect(() => {
    const timer = setTimeout(() => {
      saveDraft(conversationId, draft);
    }, SAVE_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [conversationId, draft]);

  const update = (patch: Partial<CodeDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const language = LANGUAGES.find((l) => l.value === draft.language)?.label ?? 'Python';
  const context = () =>
    [`Language: ${language}.`, draft.context.trim()].filter(Boolean).join('\n\n');

  return (
    <div className="scrollbar-thin flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-4 py-4">
      <div className="flex items-center gap-2">
        <div className="w-40">
          <Select
            aria-label="Language"
            value={draft.language}
            options={LANGUAGES}
            onValueChange={(value) => {
              setDraft((current) => switchLanguage(current, value));
            }}
            className="h-8! text-[13px]"
          />
        </div>
        <span className="ml-auto text-xs text-fg-subtle">Saved in this browser</span>
        <CopyIconButton value={draft.code} label="Copy the code" />
      </div>
      <div
        data-testid="code-editor"
        className="h-[clamp(220px,42vh,520px)] shrink-0 overflow-hidden rounded-xl border border-line-strong bg-raised shadow-xs focus-within:border-accent focus-within:ring-3 focus-within:ring-accent/20"
      >
        <Suspense fallback={<EditorLoading />}>
          <CodeMirrorEditor
            value={draft.code}
            onChange={(code) => {
              update({ code });
            }}
            language={draft.language}
            dark={resolvedTheme === 'dark'}
            label={`${language} code`}
          />
        </Suspense>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={contextId} className="text-xs font-medium text-fg-muted">
          Problem / context
        </label>
        <Textarea
          id={contextId}
          rows={3}
          value={draft.context}
          placeholder="What should the code do? Paste the task, constraints or the error you see."
          onChange={(event) => {
            update({ context: event.target.value });
          }}
          className="min-h-20 text-[14px]"
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <HelpButton
          help={hint}
          label="Hint"
          icon={<Lightbulb />}
          variant="secondary"
          onStart={() => void hint.start(draft.code, context())}
        />
        <HelpButton
          help={solution}
          label="Full solution"
          icon={<WandSparkles />}
          variant="primary"
          onStart={() => void solution.start(draft.code, context())}
        />
        {runnable ? (
          <RunButton
            run={run}
            className="ml-auto"
            onRun={() => {
              run.run(runnable, draft.code);
            }}
          />
        ) : null}
      </div>
      <RunOutput run={run} className="overflow-hidden rounded-xl border bg-raised shadow-xs" />
      <CodingOutput kind="hint" help={hint} />
      <CodingOutput kind="solution" help={solution} />
    </div>
  );
}
