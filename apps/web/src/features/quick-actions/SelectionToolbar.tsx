import type { LlmAction } from '@margin/shared';
import { Layers, Send, X } from 'lucide-react';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type SubmitEvent,
} from 'react';
import { createPortal } from 'react-dom';
import { cn } from '../../lib/cn';
import { useConversationTools } from '../doubts/toolsContext';
import { ACTION_META, PRESET_ACTIONS } from './actions';
import { readWithContext, writeWithContext } from './preferences';
import type { MessageTextSelection } from './selection';
import { useMessageTextSelection } from './useMessageTextSelection';

const GAP = 8;
const EDGE = 8;

function placement(
  selection: MessageTextSelection,
  size: { width: number; height: number },
  below: boolean,
): CSSProperties {
  const anchor = below ? selection.bottom : selection.top;
  const centre = anchor.left + anchor.width / 2;
  const left = Math.min(
    Math.max(EDGE, centre - size.width / 2),
    window.innerWidth - size.width - EDGE,
  );
  const above = selection.top.top - size.height - GAP;
  const under = selection.bottom.bottom + GAP;
  const top =
    below || above < EDGE ? Math.min(under, window.innerHeight - size.height - EDGE) : above;
  return { left, top };
}

const buttonClass =
  'inline-flex h-8 items-center gap-1.5 rounded-lg px-2.5 text-[13px] font-medium whitespace-nowrap text-fg-muted transition-colors hover:bg-soft hover:text-fg focus-visible:outline-2 focus-visible:outline-accent [&_svg]:size-4 [&_svg]:shrink-0';

/**
 * Floating quick actions over a text selection inside a message (mouse and touch). On touch it
 * sits under the selection, clear of the system's own copy/paste bar.
 */
export function SelectionToolbar() {
  const tools = useConversationTools();
  const ref = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState(false);
  const [question, setQuestion] = useState('');
  const [withContext, setWithContext] = useState(readWithContext);
  const { selection, dismiss } = useMessageTextSelection(ref, asking);
  const [style, setStyle] = useState<CSSProperties>({ visibility: 'hidden' });

  const shown = selection !== null && tools !== null;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!selection || !element) return;
    const coarse = window.matchMedia('(pointer: coarse)').matches;
    setStyle(
      placement(selection, { width: element.offsetWidth, height: element.offsetHeight }, coarse),
    );
  }, [selection, asking]);

  // Escape anywhere hides the toolbar (the selection stays).
  useEffect(() => {
    if (!shown) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      setAsking(false);
      dismiss();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [shown, dismiss]);

  if (!shown) return null;

  const run = (action: LlmAction, asked?: string) => {
    tools.openQuickAction({
      messageId: selection.messageId,
      selectedText: selection.text,
      action,
      question: asked,
      withContext,
    });
    setAsking(false);
    setQuestion('');
    dismiss();
  };

  const submitQuestion = (event: SubmitEvent) => {
    event.preventDefault();
    if (question.trim()) run('ask', question.trim());
  };

  return createPortal(
    <div
      ref={ref}
      role="toolbar"
      aria-label="Quick actions on the selected text"
      style={style}
      // Keep the selection: a press on the toolbar must not collapse it (the input still focuses).
      onMouseDown={(event) => {
        if (!(event.target as HTMLElement).closest('input')) event.preventDefault();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          setAsking(false);
          dismiss();
        }
      }}
      className="fixed z-40 flex max-w-[calc(100vw-16px)] items-center gap-0.5 rounded-xl border border-line bg-raised p-1 shadow-popover motion-safe:animate-pop-in"
    >
      {asking ? (
        <form className="flex items-center gap-1" onSubmit={submitQuestion}>
          <label className="sr-only" htmlFor="quick-ask-input">
            Your question about the selection
          </label>
          <input
            id="quick-ask-input"
            // The user just chose "Ask…": typing starts at once.
            autoFocus
            value={question}
            onChange={(event) => {
              setQuestion(event.target.value);
            }}
            placeholder="Ask about the selection…"
            className="h-8 w-[min(300px,62vw)] rounded-lg bg-soft px-2.5 text-[13px] text-fg outline-none placeholder:text-fg-subtle focus-visible:ring-2 focus-visible:ring-accent/40"
          />
          <button type="submit" className={buttonClass} disabled={!question.trim()}>
            <Send aria-hidden />
            <span className="sr-only">Ask</span>
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              setAsking(false);
            }}
          >
            <X aria-hidden />
            <span className="sr-only">Cancel</span>
          </button>
        </form>
      ) : (
        <>
          {PRESET_ACTIONS.map((action) => {
            const { label, icon: Icon } = ACTION_META[action];
            return (
              <button
                key={action}
                type="button"
                title={ACTION_META[action].title}
                className={buttonClass}
                onClick={() => {
                  run(action);
                }}
              >
                <Icon aria-hidden />
                <span className={cn(action !== 'explain' && 'max-sm:sr-only')}>{label}</span>
              </button>
            );
          })}
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              setAsking(true);
            }}
          >
            <ACTION_META.ask.icon aria-hidden />
            {ACTION_META.ask.label}
          </button>
          <span aria-hidden className="mx-0.5 h-5 w-px bg-line" />
          <button
            type="button"
            aria-pressed={withContext}
            title="Send the surrounding conversation too"
            className={cn(buttonClass, withContext && 'bg-accent-soft text-accent-text')}
            aria-label="Context: include the surrounding conversation"
            onClick={() => {
              setWithContext(!withContext);
              writeWithContext(!withContext);
            }}
          >
            <Layers aria-hidden />
            <span className="max-sm:hidden">Context</span>
          </button>
        </>
      )}
    </div>,
    document.body,
  );
}
