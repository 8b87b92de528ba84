import type { Message } from '@margin/shared';
import { Sparkles } from 'lucide-react';
import { memo, useState, type ReactNode } from 'react';
import { Badge, Checkbox, Notice, Tooltip } from '../../components';
import { cn } from '../../lib/cn';
import { Markdown, SectionedMarkdown } from '../../lib/markdown';
import { AnswerTabs } from '../chat/AnswerTabs';
import { useLiveMessage } from '../chat/live';
import { StreamingMarkdown } from '../chat/StreamingMarkdown';
import { useMessageActions } from './actionsContext';
import { HiddenMessageBanner, HiddenMessageRow } from './HiddenMessage';
import { MessageFooter } from './MessageFooter';
import { MessageStatusBadge } from './MessageStatus';
import { TldrBlock } from './TldrBlock';

/** Avatar + "Assistant" + model name, above an answer. */
export function AssistantLabel({
  model,
  children,
}: {
  model: string | null;
  children?: ReactNode;
}) {
  return (
    <div className="mb-2 flex min-h-6 flex-wrap items-center gap-x-2 gap-y-1 text-[13px]">
      <span
        aria-hidden
        className="flex size-6 items-center justify-center rounded-full bg-accent-soft text-accent-text"
      >
        <Sparkles className="size-3.5" />
      </span>
      <span className="font-medium text-fg">Assistant</span>
      {model ? <span className="truncate text-fg-subtle">{model}</span> : null}
      {children}
    </div>
  );
}

/** The user's text in a soft bubble on the right. */
export function UserBubble({ content }: { content: string }) {
  return (
    // A typed newline is a line break in what people write by hand (pre-line keeps it).
    <div className="max-w-[min(88%,40rem)] rounded-2xl rounded-tr-md bg-soft px-4 py-2.5 [&_p]:whitespace-pre-line">
      <Markdown text={content} />
    </div>
  );
}

/** Marks a turn that was answered but not stored (it disappears on reload). */
function NotSaved() {
  return (
    <Tooltip content="This turn was not saved: it disappears when you reload.">
      <span tabIndex={0} className="inline-flex rounded-full">
        <Badge tone="warning">Not saved</Badge>
      </span>
    </Tooltip>
  );
}

function AssistantBody({
  message: stored,
  conversationId,
}: {
  message: Message;
  conversationId: string;
}) {
  // While it streams, the live text and state replace the stored row's.
  const { message, streaming, ephemeral } = useLiveMessage(stored);
  return (
    <div>
      <AssistantLabel model={message.model}>
        <MessageStatusBadge status={message.status} />
        {ephemeral ? <NotSaved /> : null}
      </AssistantLabel>
      {message.tldr ? <TldrBlock text={message.tldr} /> : null}
      {message.content.trim() ? (
        streaming ? (
          <StreamingMarkdown text={message.content} />
        ) : (
          <SectionedMarkdown
            text={message.content}
            conversationId={conversationId}
            persist={!ephemeral}
          />
        )
      ) : (
        <p className="text-sm text-fg-subtle italic">
          {message.status === 'streaming' ? 'Thinking…' : 'No text.'}
        </p>
      )}
      {message.status === 'error' ? (
        <div className="mt-3">
          <Notice tone="danger" title="This answer failed">
            {message.error ?? 'The model returned an error.'}
          </Notice>
        </div>
      ) : null}
      {ephemeral ? <div className="mt-1 min-h-8" /> : <MessageFooter message={message} />}
    </div>
  );
}

function UserBody({ message }: { message: Message }) {
  const { ephemeral } = useLiveMessage(message);
  return (
    <div className="flex flex-col items-end">
      <UserBubble content={message.content} />
      {ephemeral ? (
        <div className="mt-1 flex min-h-8 items-center">
          <NotSaved />
        </div>
      ) : (
        <MessageFooter message={message} />
      )}
    </div>
  );
}

export interface MessageCardProps {
  message: Message;
  conversationId: string;
  /** Briefly emphasised (opened from a link to this message). */
  highlighted: boolean;
  /** Checkbox mode. */
  selecting: boolean;
  selected: boolean;
  /** All answers of a multi-model turn (this message is the first): shown as tabs. */
  answers?: Message[] | undefined;
}

/** One message of the list: a user bubble or a full-width answer, with its actions. */
export const MessageCard = memo(function MessageCard({
  message,
  conversationId,
  highlighted,
  selecting,
  selected,
  answers,
}: MessageCardProps) {
  const actions = useMessageActions();
  const [revealed, setRevealed] = useState(false);
  const folded = message.hidden && !revealed;
  const who = message.role === 'user' ? 'You' : 'Assistant';

  return (
    <div className={cn('flex items-start gap-2', selecting && 'pl-1')}>
      {selecting ? (
        <Checkbox
          className="mt-4 shrink-0"
          checked={selected}
          onCheckedChange={() => {
            actions.toggleSelected(message);
          }}
          label={<span className="sr-only">Select this message ({who})</span>}
        />
      ) : null}
      <article
        aria-label={message.role === 'user' ? 'Your message' : 'Answer'}
        data-message-id={message.id}
        data-role={message.role}
        className={cn(
          'group/message min-w-0 flex-1 rounded-2xl px-3 py-2 transition-[background-color,box-shadow] duration-700 sm:px-4',
          highlighted && 'bg-accent-soft ring-2 ring-accent/40 duration-150',
          selected && 'bg-accent-soft/60 ring-1 ring-accent/30',
        )}
      >
        {folded ? (
          <HiddenMessageRow
            message={message}
            onShow={() => {
              setRevealed(true);
            }}
          />
        ) : (
          <>
            {message.hidden ? (
              <HiddenMessageBanner
                message={message}
                onCollapse={() => {
                  setRevealed(false);
                }}
              />
            ) : null}
            {message.role === 'user' ? (
              <UserBody message={message} />
            ) : answers && answers.length > 1 ? (
              <AnswerTabs
                answers={answers}
                renderAnswer={(answer) => (
                  <AssistantBody message={answer} conversationId={conversationId} />
                )}
              />
            ) : (
              <AssistantBody message={message} conversationId={conversationId} />
            )}
          </>
        )}
      </article>
    </div>
  );
});
