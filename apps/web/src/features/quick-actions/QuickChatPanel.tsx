import { DOUBT_LIMITS } from '@margin/shared';
import { BookmarkPlus, Check, Layers, Send, Square } from 'lucide-react';
import { useId, useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { Button, CopyIconButton, Textarea, toast } from '../../components';
import { cn } from '../../lib/cn';
import { getErrorMessage } from '../../lib/errors';
import { VoiceInputButton } from '../audio';
import type { QuickActionRequest } from '../doubts/toolsContext';
import { ACTION_META, PRESET_ACTIONS } from './actions';
import { writeWithContext } from './preferences';
import { QuickChatTurns } from './QuickChatTurns';
import type { QuickChatState } from './useQuickChat';

function SelectionQuote({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <figure className="rounded-xl border border-line bg-soft/60 px-3.5 py-3">
      <figcaption className="mb-1 text-xs font-medium text-fg-muted">Selected text</figcaption>
      <blockquote
        className={cn(
          'border-l-2 border-accent/50 pl-2.5 text-[13px] leading-relaxed whitespace-pre-wrap text-fg-muted italic',
          !expanded && 'line-clamp-4',
        )}
      >
        {text}
      </blockquote>
      {text.length > 240 ? (
        <button
          type="button"
          aria-expanded={expanded}
          className="mt-1 rounded text-xs font-medium text-accent-text hover:underline"
          onClick={() => {
            setExpanded(!expanded);
          }}
        >
          {expanded ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </figure>
  );
}

/** Body of the temporary side chat: the selection, the exchange, a follow-up box, Save. */
export function QuickChatPanel({
  chat,
  request,
  onSaved,
}: {
  chat: QuickChatState;
  request: QuickActionRequest;
  onSaved: () => void;
}) {
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const started = chat.turns.length > 0;
  const lastAnswer = chat.turns.findLast((t) => t.role === 'assistant' && t.content.trim());

  const send = (event?: SubmitEvent) => {
    event?.preventDefault();
    const question = draft.trim();
    if (!question || chat.busy) return;
    setDraft('');
    void chat.ask('ask', question);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || !event.shiftKey)) {
      event.preventDefault();
      send();
    }
  };

  const save = async () => {
    try {
      await chat.saveAsDoubt();
      onSaved();
    } catch (error) {
      toast.error(`Couldn't save: ${getErrorMessage(error)}`);
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        data-scroll
        className="scrollbar-thin flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-4 py-4"
      >
        <SelectionQuote text={request.selectedText} />
        <button
          type="button"
          aria-pressed={chat.withContext}
          onClick={() => {
            chat.setWithContext(!chat.withContext);
            writeWithContext(!chat.withContext);
          }}
          className={cn(
            'flex items-center gap-2 self-start rounded-full border px-3 py-1 text-xs font-medium transition-colors',
            chat.withContext
              ? 'border-accent/40 bg-accent-soft text-accent-text'
              : 'border-line text-fg-muted hover:bg-soft',
          )}
        >
          <Layers aria-hidden className="size-3.5" />
          {chat.withContext
            ? 'Using the conversation as context'
            : 'Use the conversation as context'}
        </button>
        {started ? null : (
          <div className="flex flex-col gap-2">
            <p className="text-sm text-fg-muted">Pick an action, or ask a question below.</p>
            <div className="flex flex-wrap gap-2">
              {PRESET_ACTIONS.map((action) => {
                const { label, icon: Icon } = ACTION_META[action];
                return (
                  <Button
                    key={action}
                    size="sm"
                    icon={<Icon />}
                    onClick={() => void chat.ask(action)}
                  >
                    {label}
                  </Button>
                );
              })}
            </div>
          </div>
        )}
        <QuickChatTurns chat={chat} />
      </div>
      <form className="shrink-0 border-t border-line px-4 pt-3 pb-4" onSubmit={send}>
        <label htmlFor={inputId} className="sr-only">
          {started ? 'Follow-up question' : 'Question about the selection'}
        </label>
        <div className="flex items-end gap-2">
          <VoiceInputButton inputRef={inputRef} setText={setDraft} disabled={chat.busy} />
          <Textarea
            ref={inputRef}
            id={inputId}
            rows={1}
            value={draft}
            data-autofocus
            maxLength={DOUBT_LIMITS.questionMax}
            placeholder={started ? 'Ask a follow-up…' : 'Ask about the selection…'}
            onChange={(event) => {
              setDraft(event.target.value);
            }}
            onKeyDown={onKeyDown}
            className="max-h-40 min-h-10! flex-1 resize-none py-2 text-[14px] [field-sizing:content]"
          />
          {chat.live ? (
            <Button variant="secondary" icon={<Square />} onClick={() => void chat.stop()}>
              Stop
            </Button>
          ) : (
            <Button
              type="submit"
              variant="primary"
              icon={<Send />}
              disabled={!draft.trim() || chat.busy}
            >
              Send
            </Button>
          )}
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <p className="mr-auto text-xs text-fg-subtle">Temporary chat: not saved.</p>
          {lastAnswer ? (
            <CopyIconButton value={lastAnswer.content} label="Copy the last answer" />
          ) : null}
          <Button
            size="sm"
            variant="secondary"
            icon={chat.unsaved === 0 && chat.savedAny ? <Check /> : <BookmarkPlus />}
            loading={chat.saving}
            disabled={chat.unsaved === 0 || chat.busy}
            onClick={() => void save()}
          >
            {chat.unsaved === 0 && chat.savedAny ? 'Saved as doubt' : 'Save as doubt'}
          </Button>
        </div>
      </form>
    </div>
  );
}
