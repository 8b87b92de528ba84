import type { DoubtNode, MessageStatus } from '@margin/shared';
import { CornerDownRight, MessageCircleQuestionMark, Square, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { Button, IconButton, Notice, Spinner } from '../../components';
import { cn } from '../../lib/cn';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Markdown } from '../../lib/markdown';
import { DoubtAskForm } from './DoubtAskForm';
import { DoubtStatusBadge } from './DoubtStatus';
import type { LiveDoubt } from './useDoubts';

/** Deeper follow-ups stop indenting so the panel keeps room for the text. */
const MAX_INDENT_DEPTH = 4;

export interface DoubtThreadActions {
  live: LiveDoubt | null;
  running: boolean;
  replyingTo: string | null;
  setReplyingTo: (id: string | null) => void;
  followUp: (question: string, parentId: string) => Promise<unknown>;
  requestDelete: (node: DoubtNode) => void;
  stop: () => void;
}

function liveView(node: DoubtNode, live: LiveDoubt | null) {
  if (live?.doubtId !== node.id) {
    return { answer: node.answer, status: node.status, error: node.error, note: null };
  }
  const answer = live.text.length >= node.answer.length ? live.text : node.answer;
  const status: MessageStatus =
    live.phase === 'running' || live.phase === 'idle'
      ? 'streaming'
      : live.phase === 'done'
        ? 'complete'
        : live.phase === 'cancelled'
          ? 'cancelled'
          : 'error';
  return { answer, status, error: live.error ?? node.error, note: live.status };
}

function containsStreaming(node: DoubtNode, live: LiveDoubt | null): boolean {
  if (node.status === 'streaming' || (live?.doubtId === node.id && live.phase === 'running')) {
    return true;
  }
  return node.children.some((child) => containsStreaming(child, live));
}

/** One doubt: question, answer, time and status, its actions, then its follow-ups indented. */
export function DoubtThread({
  node,
  depth,
  actions,
}: {
  node: DoubtNode;
  depth: number;
  actions: DoubtThreadActions;
}) {
  const questionId = useId();
  const { answer, status, error, note } = liveView(node, actions.live);
  const streaming = status === 'streaming';
  const replying = actions.replyingTo === node.id;
  const busySubtree = containsStreaming(node, actions.live);

  return (
    <li>
      <article
        aria-labelledby={questionId}
        data-doubt-id={node.id}
        aria-busy={streaming || undefined}
        className={cn(
          'rounded-xl border bg-raised shadow-xs transition-colors',
          streaming ? 'border-accent/40' : 'border-line',
        )}
      >
        <div className="flex items-start gap-2.5 px-3.5 pt-3">
          <span
            aria-hidden
            className="mt-px flex size-6 shrink-0 items-center justify-center rounded-full bg-accent-soft text-accent-text"
          >
            <MessageCircleQuestionMark className="size-3.5" />
          </span>
          <p
            id={questionId}
            className="min-w-0 flex-1 pt-0.5 text-[14px] leading-snug font-medium break-words whitespace-pre-wrap text-fg"
          >
            {node.question}
          </p>
        </div>
        <div className="px-3.5 pt-2 pb-1 pl-[46px]" aria-live={streaming ? 'polite' : undefined}>
          {answer.trim() ? (
            <Markdown text={answer} className="text-sm leading-relaxed" />
          ) : streaming ? (
            <p className="flex items-center gap-2 text-sm text-fg-subtle">
              <Spinner size="xs" />
              {note ?? 'Thinking…'}
            </p>
          ) : (
            <p className="text-sm text-fg-subtle italic">No answer.</p>
          )}
          {status === 'error' ? (
            <div className="mt-2">
              <Notice tone="danger" role="alert" title="The answer failed">
                {error ?? 'The model returned an error.'}
              </Notice>
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 px-2 pb-2 pl-[46px] text-xs text-fg-subtle">
          <time dateTime={node.createdAt.toISOString()} title={formatDateTime(node.createdAt)}>
            {formatRelative(node.createdAt)}
          </time>
          <DoubtStatusBadge status={status} />
          <span className="ml-auto flex items-center gap-0.5">
            {streaming ? (
              <Button size="sm" variant="ghost" icon={<Square />} onClick={actions.stop}>
                Stop
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              icon={<CornerDownRight />}
              aria-expanded={replying}
              onClick={() => {
                actions.setReplyingTo(replying ? null : node.id);
              }}
            >
              Follow up
            </Button>
            <IconButton
              label={busySubtree ? 'Wait for the answer to finish to delete' : 'Delete this doubt'}
              icon={<Trash2 />}
              size="sm"
              disabled={busySubtree}
              className="hover:text-danger-text"
              onClick={() => {
                actions.requestDelete(node);
              }}
            />
          </span>
        </div>
        {replying ? (
          <div className="border-t border-line px-3.5 py-3">
            <DoubtAskForm
              label="Follow-up question"
              placeholder="Ask a follow-up… (empty: explain further)"
              submitLabel="Follow up"
              autoFocus
              running={actions.running}
              onStop={actions.stop}
              onCancel={() => {
                actions.setReplyingTo(null);
              }}
              onSubmit={async (question) => {
                await actions.followUp(question, node.id);
                actions.setReplyingTo(null);
              }}
            />
          </div>
        ) : null}
      </article>
      {node.children.length > 0 ? (
        <ul
          aria-label={`Follow-ups to “${node.question.slice(0, 60)}”`}
          className={cn(
            'mt-2 flex flex-col gap-2',
            depth < MAX_INDENT_DEPTH && 'ml-3 border-l-2 border-line pl-3',
          )}
        >
          {node.children.map((child) => (
            <DoubtThread key={child.id} node={child} depth={depth + 1} actions={actions} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
