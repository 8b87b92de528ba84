import { History, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { Badge, Button, ConfirmDialog, Notice, PageSpinner } from '../../components';
import { cn } from '../../lib/cn';
import { getErrorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import type { PromptDetail, PromptVersion } from './types';

/** Every saved version, newest first; pick one to read it and, if allowed, restore its text. */
export function PromptVersions({
  prompt,
  dirty,
  onRestore,
}: {
  prompt: PromptDetail;
  dirty: boolean;
  onRestore: (version: PromptVersion) => Promise<void>;
}) {
  const versions = trpc.prompts.versions.useQuery({ name: prompt.name, scope: prompt.scope });
  const [picked, setPicked] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<PromptVersion | null>(null);

  if (versions.isPending) return <PageSpinner label="Loading versions" />;
  if (versions.isError) {
    return (
      <div className="flex flex-col items-start gap-3">
        <Notice tone="danger" role="alert" title="Couldn’t load the versions">
          {getErrorMessage(versions.error)}
        </Notice>
        <Button
          variant="secondary"
          loading={versions.isFetching}
          onClick={() => void versions.refetch()}
        >
          Try again
        </Button>
      </div>
    );
  }

  const list = versions.data;
  const current = list.find((v) => v.current);
  // Default to the newest older version: that is usually the one to compare or restore.
  const shown = list.find((v) => v.version === picked) ?? list.find((v) => !v.current) ?? list[0];

  return (
    <div className="grid gap-4 @3xl:grid-cols-[13rem_1fr]">
      <ol
        aria-label="Versions"
        className="flex flex-col gap-0.5 @max-3xl:max-h-56 @max-3xl:overflow-y-auto"
      >
        {list.map((v) => {
          const active = v.version === shown?.version;
          return (
            <li key={v.version}>
              <button
                type="button"
                aria-current={active ? 'true' : undefined}
                onClick={() => {
                  setPicked(v.version);
                }}
                className={cn(
                  'flex w-full flex-col items-start gap-0.5 rounded-lg px-3 py-2 text-left transition-colors',
                  active ? 'bg-accent-soft' : 'hover:bg-soft',
                )}
              >
                <span className="flex items-center gap-2 text-sm font-medium text-fg">
                  Version {v.version}
                  {v.current ? (
                    <Badge tone="success" className="h-5">
                      Current
                    </Badge>
                  ) : null}
                </span>
                <time
                  dateTime={v.createdAt.toISOString()}
                  title={formatDateTime(v.createdAt)}
                  className="text-xs text-fg-subtle"
                >
                  {formatDateTime(v.createdAt)}
                </time>
              </button>
            </li>
          );
        })}
      </ol>
      {shown ? (
        <VersionView
          version={shown}
          sameAsCurrent={!shown.current && shown.content === current?.content}
          canRestore={prompt.editable}
          onRestore={() => {
            setConfirming(shown);
          }}
        />
      ) : null}
      {list.length === 1 ? (
        <p className="flex items-center gap-2 text-[13px] text-fg-subtle @3xl:col-start-2">
          <History className="size-4" aria-hidden />
          No earlier versions yet — each save keeps the previous text here.
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => {
          if (!open) setConfirming(null);
        }}
        title={`Restore version ${String(confirming?.version ?? '')}?`}
        description={`Its text becomes version ${String(prompt.version + 1)}; the current text stays in the history.${dirty ? ' Your unsaved edits will be discarded.' : ''}`}
        confirmLabel="Restore"
        onConfirm={async () => {
          if (!confirming) return;
          await onRestore(confirming);
          setPicked(null);
        }}
      />
    </div>
  );
}

function VersionView({
  version,
  sameAsCurrent,
  canRestore,
  onRestore,
}: {
  version: PromptVersion;
  sameAsCurrent: boolean;
  canRestore: boolean;
  onRestore: () => void;
}) {
  return (
    <section
      aria-label={`Version ${String(version.version)}`}
      className="flex min-w-0 flex-col gap-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-fg-muted">
          <span className="font-medium text-fg">Version {version.version}</span> · saved{' '}
          {formatRelative(version.createdAt)}
        </p>
        {canRestore && !version.current ? (
          <Button
            size="sm"
            icon={<RotateCcw />}
            onClick={onRestore}
            disabled={sameAsCurrent}
            title={sameAsCurrent ? 'This text is the same as the current version' : undefined}
          >
            Restore this version
          </Button>
        ) : null}
      </div>
      {sameAsCurrent ? (
        <p className="text-xs text-fg-subtle">Same text as the current version.</p>
      ) : null}
      <pre className="scrollbar-thin max-h-[60dvh] overflow-auto rounded-xl border border-line bg-panel p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap break-words text-fg">
        {version.content}
      </pre>
      {version.description || version.category || version.tags.length > 0 ? (
        <p className="text-xs text-fg-subtle">
          {[version.description, version.category, version.tags.join(', ')]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
    </section>
  );
}
