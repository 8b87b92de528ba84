import { MessagesSquare, RotateCw } from 'lucide-react';
import { Button, EmptyState, Notice, Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';

/** Placeholder rows while the first page loads. */
export function MessageListSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading messages"
      className="mx-auto flex w-full max-w-[760px] flex-col gap-8 px-6 py-8"
    >
      {[0, 1].map((turn) => (
        <div key={turn} className="flex flex-col gap-8 motion-safe:animate-pulse">
          <div className="ml-auto h-11 w-2/5 rounded-2xl bg-soft" />
          <div className="flex flex-col gap-2.5">
            <div className="flex items-center gap-2">
              <div className="size-6 rounded-full bg-soft" />
              <div className="h-3 w-20 rounded bg-soft" />
            </div>
            <div className="h-3 w-11/12 rounded bg-soft" />
            <div className="h-3 w-full rounded bg-soft" />
            <div className="h-3 w-4/6 rounded bg-soft" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function MessageListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="mx-auto w-full max-w-[760px] px-6 py-10">
      <Notice tone="danger" role="alert" title="Couldn't load the messages">
        <p>{getErrorMessage(error)}</p>
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          icon={<RotateCw />}
          onClick={onRetry}
        >
          Try again
        </Button>
      </Notice>
    </div>
  );
}

export function EmptyConversation() {
  return (
    <div className="flex h-full items-center justify-center px-6">
      <EmptyState
        icon={<MessagesSquare />}
        title="No messages yet"
        description="This conversation is empty. Ask a question and the answer will appear here."
      />
    </div>
  );
}

/** First row of the list: older-page status, or where the conversation starts. */
export function ListTopRow({
  hasOlder,
  loading,
  failed,
  onLoad,
}: {
  hasOlder: boolean;
  loading: boolean;
  failed: boolean;
  onLoad: () => void;
}) {
  if (loading) {
    return (
      <div className="flex h-14 items-center justify-center gap-2 text-sm text-fg-subtle">
        <Spinner size="sm" />
        Loading earlier messages…
      </div>
    );
  }
  if (failed) {
    return (
      <div
        className="flex h-14 items-center justify-center gap-3 text-sm text-danger-text"
        role="alert"
      >
        Couldn't load earlier messages.
        <Button size="sm" variant="secondary" icon={<RotateCw />} onClick={onLoad}>
          Retry
        </Button>
      </div>
    );
  }
  if (hasOlder) {
    return (
      <div className="flex h-14 items-center justify-center">
        <Button size="sm" variant="ghost" onClick={onLoad}>
          Load earlier messages
        </Button>
      </div>
    );
  }
  return (
    <div className="flex h-14 items-center gap-3 text-xs text-fg-subtle">
      <span className="h-px flex-1 bg-line" />
      Start of the conversation
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}
