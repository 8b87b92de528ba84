import type { Message, MessageVersion } from '@margin/shared';
import { History, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import {
  Button,
  CopyButton,
  Dialog,
  EmptyState,
  Notice,
  PageSpinner,
  toast,
} from '../../components';
import { cn } from '../../lib/cn';
import { getErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';

export interface VersionHistoryDialogProps {
  message: Message | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRestored: () => Promise<unknown>;
}

export function VersionHistoryDialog({
  message,
  open,
  onOpenChange,
  onRestored,
}: VersionHistoryDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="xl"
      title="Version history"
      description="Every earlier text of this message, oldest first."
    >
      {message ? (
        <VersionHistory
          key={message.id}
          message={message}
          onRestored={async () => {
            await onRestored();
            onOpenChange(false);
          }}
        />
      ) : null}
    </Dialog>
  );
}

function versionLabel(version: MessageVersion): string {
  return version.current ? 'Current' : `Version ${version.version}`;
}

function VersionHistory({
  message,
  onRestored,
}: {
  message: Message;
  onRestored: () => Promise<void>;
}) {
  const versions = trpc.messages.versions.useQuery({ id: message.id });
  const restore = trpc.messages.edit.useMutation();
  const [chosen, setChosen] = useState<number | null>(null);

  if (versions.isPending) return <PageSpinner label="Loading versions" />;
  if (versions.isError) {
    return (
      <Notice tone="danger" role="alert" title="Couldn't load the versions">
        {getErrorMessage(versions.error)}{' '}
        <button
          type="button"
          className="font-medium underline"
          onClick={() => void versions.refetch()}
        >
          Try again
        </button>
      </Notice>
    );
  }

  const list = versions.data;
  if (list.length <= 1) {
    return (
      <EmptyState
        size="sm"
        icon={<History />}
        title="No earlier versions"
        description="This message has not been edited."
      />
    );
  }

  // By default show the text just before the current one.
  const selectedIndex = chosen ?? Math.max(0, list.length - 2);
  const selected = list[selectedIndex] ?? list[0];
  if (!selected) return null;

  const restoreSelected = async () => {
    try {
      await restore.mutateAsync({ id: message.id, content: selected.content });
      toast.success(`Restored ${versionLabel(selected).toLowerCase()}`);
      await onRestored();
    } catch (error) {
      toast.error(getErrorMessage(error));
    }
  };

  return (
    <div className="flex flex-col gap-4 sm:flex-row">
      <ol
        aria-label="Versions"
        className="flex shrink-0 gap-1 overflow-x-auto pb-1 sm:w-52 sm:flex-col sm:overflow-visible sm:pb-0"
      >
        {list.map((version, index) => (
          <li key={version.version} className="shrink-0">
            <button
              type="button"
              aria-current={index === selectedIndex ? 'true' : undefined}
              onClick={() => {
                setChosen(index);
              }}
              className={cn(
                'flex w-full flex-col items-start rounded-lg px-3 py-2 text-left transition-colors',
                index === selectedIndex ? 'bg-accent-soft text-accent-text' : 'hover:bg-soft',
              )}
            >
              <span className="text-sm font-medium">{versionLabel(version)}</span>
              <span
                className={cn(
                  'text-xs whitespace-nowrap',
                  index === selectedIndex ? 'text-accent-text/80' : 'text-fg-subtle',
                )}
              >
                {formatDateTime(version.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <pre
          aria-label={`Text of ${versionLabel(selected).toLowerCase()}`}
          className="scrollbar-thin max-h-[50dvh] min-h-40 overflow-auto rounded-xl border border-line bg-panel p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-fg"
        >
          {selected.content}
        </pre>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <CopyButton value={selected.content} size="sm" />
          {selected.current ? null : (
            <Button
              size="sm"
              variant="primary"
              icon={<RotateCcw />}
              loading={restore.isPending}
              onClick={() => void restoreSelected()}
            >
              Restore this version
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
