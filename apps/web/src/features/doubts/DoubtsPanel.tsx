import type { DoubtNode, Message } from '@margin/shared';
import { MessageCircleQuestionMark, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { Button, ConfirmDialog, Notice, Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { countDoubts } from './tree';
import { DoubtAskForm } from './DoubtAskForm';
import { DoubtThread, type DoubtThreadActions } from './DoubtThread';
import { MessageExcerpt } from './MessageExcerpt';
import type { DoubtsState } from './useDoubts';

/** The doubts of one message: its excerpt, a question box, then the threads as a tree. */
export function DoubtsPanel({
  doubts,
  message,
}: {
  doubts: DoubtsState;
  message: Message | undefined;
}) {
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DoubtNode | null>(null);
  const { list, nodes, live, running, ask, remove, stop } = doubts;

  const actions: DoubtThreadActions = {
    live,
    running,
    replyingTo,
    setReplyingTo,
    followUp: (question, parentId) => ask(question, parentId),
    requestDelete: setDeleting,
    stop: () => void stop(),
  };
  const deletingCount = deleting ? countDoubts([deleting]) : 0;

  return (
    <div className="scrollbar-thin flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-4 py-4">
      <MessageExcerpt message={message} />
      <DoubtAskForm
        label="Ask a new question about this message"
        placeholder="What is unclear? Leave empty to get the message explained."
        submitLabel="Ask"
        primary
        running={running}
        onStop={() => void stop()}
        onSubmit={(question) => ask(question)}
      />
      <section aria-labelledby="doubts-threads-title" className="flex flex-col gap-2">
        <h3
          id="doubts-threads-title"
          className="flex items-center gap-2 text-xs font-semibold tracking-wide text-fg-subtle uppercase"
        >
          Questions
          {nodes.length > 0 ? (
            <span className="rounded-full bg-soft px-1.5 py-px text-[11px] tabular-nums">
              {countDoubts(nodes)}
            </span>
          ) : null}
        </h3>
        {list.isPending ? (
          <p className="flex items-center gap-2 py-6 text-sm text-fg-subtle">
            <Spinner size="sm" label="Loading doubts" />
            Loading doubts…
          </p>
        ) : list.isError ? (
          <Notice tone="danger" role="alert" title="Couldn't load the doubts">
            <p>{getErrorMessage(list.error)}</p>
            <Button
              size="sm"
              variant="secondary"
              className="mt-3"
              icon={<RotateCw />}
              onClick={() => void list.refetch()}
            >
              Try again
            </Button>
          </Notice>
        ) : nodes.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-line px-4 py-8 text-center">
            <MessageCircleQuestionMark aria-hidden className="size-6 text-fg-subtle" />
            <p className="text-sm font-medium text-fg">No doubts yet</p>
            <p className="max-w-64 text-[13px] text-fg-muted">
              Ask about anything in this message. Follow-ups branch into threads you can revisit.
            </p>
          </div>
        ) : (
          <ul aria-label="Doubts about this message" className="flex flex-col gap-3">
            {nodes.map((node) => (
              <DoubtThread key={node.id} node={node} depth={0} actions={actions} />
            ))}
          </ul>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        tone="danger"
        title={deletingCount > 1 ? `Delete this doubt and its follow-ups?` : 'Delete this doubt?'}
        description={
          deletingCount > 1
            ? `${deletingCount} questions and their answers are removed for good.`
            : 'The question and its answer are removed for good.'
        }
        confirmLabel="Delete"
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting.id);
          if (replyingTo === deleting.id) setReplyingTo(null);
        }}
      />
    </div>
  );
}
