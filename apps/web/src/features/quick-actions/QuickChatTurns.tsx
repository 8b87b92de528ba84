import { Sparkles } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Badge, CopyIconButton, Notice, Spinner } from '../../components';
import { Markdown } from '../../lib/markdown';
import type { QuickChatState, QuickTurn } from './useQuickChat';

function AnswerTurn({ turn, live }: { turn: QuickTurn; live: QuickChatState['live'] }) {
  const streaming = turn.phase === 'running';
  const text = streaming && live ? live.text : turn.content;
  return (
    <div className="flex gap-2.5" aria-busy={streaming || undefined}>
      <span
        aria-hidden
        className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-accent-soft text-accent-text"
      >
        <Sparkles className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1">
        {text.trim() ? (
          <Markdown text={text} className="text-sm leading-relaxed" />
        ) : streaming ? (
          <p className="flex items-center gap-2 pt-0.5 text-sm text-fg-subtle">
            <Spinner size="xs" />
            {live?.status ?? 'Thinking…'}
          </p>
        ) : null}
        {turn.phase === 'error' ? (
          <div className="mt-2">
            <Notice tone="danger" role="alert" title="No answer">
              {turn.error ?? 'The model returned an error.'}
            </Notice>
          </div>
        ) : null}
        {!streaming && text.trim() ? (
          <div className="mt-1 flex items-center gap-1 text-xs text-fg-subtle">
            <CopyIconButton value={text} label="Copy this answer" />
            {turn.phase === 'cancelled' ? (
              <Badge tone="warning" dot>
                Stopped
              </Badge>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The side chat so far: your requests on the right, answers (rendered Markdown) on the left. */
export function QuickChatTurns({ chat }: { chat: QuickChatState }) {
  const end = useRef<HTMLDivElement>(null);
  const last = chat.turns.at(-1);
  const liveLength = chat.live?.text.length ?? 0;
  // Follow the answer as it grows, unless the reader scrolled up.
  useEffect(() => {
    const anchor = end.current;
    const scroller = anchor?.closest('[data-scroll]');
    if (!anchor || !scroller) return;
    const near = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 160;
    if (near) anchor.scrollIntoView({ block: 'end' });
  }, [chat.turns.length, liveLength, last?.phase]);

  return (
    <div className="flex flex-col gap-4" aria-live="polite" aria-relevant="additions">
      {chat.turns.map((turn) =>
        turn.role === 'user' ? (
          <div key={turn.id} className="flex justify-end">
            <p className="max-w-[85%] rounded-2xl rounded-tr-md bg-soft px-3.5 py-2 text-sm whitespace-pre-wrap text-fg">
              {turn.content}
            </p>
          </div>
        ) : (
          <AnswerTurn key={turn.id} turn={turn} live={chat.live} />
        ),
      )}
      <div ref={end} />
    </div>
  );
}
