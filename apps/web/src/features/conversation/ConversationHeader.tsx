import type { Conversation } from '@margin/shared';
import { Folder, NotebookPen } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge, Button, ColorDot, colorLabel, IconButton, Tooltip } from '../../components';
import { cn } from '../../lib/cn';
import { ConversationPinsButton } from '../memory';
import { MEMORY_PAD_PANEL_ID } from './MemoryPadPanel';

/** Title row of a conversation: flag, title, temporary badge, workspace; actions at the right. */
export function ConversationHeader({
  conversation,
  padOpen,
  onTogglePad,
  compact,
  actions,
  menu,
}: {
  conversation: Conversation | undefined;
  padOpen: boolean;
  onTogglePad: () => void;
  /** Narrow screens: icon-only buttons. */
  compact: boolean;
  /** Extra buttons from other features, left of the memory pad toggle. */
  actions?: ReactNode;
  menu: ReactNode;
}) {
  const padLabel = padOpen ? 'Hide the memory pad' : 'Show the memory pad';
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-line px-3 sm:gap-3 sm:px-5">
      <div className="min-w-0 flex-1">
        {conversation ? (
          <>
            <div className="flex min-w-0 items-center gap-2">
              {conversation.flag ? (
                <span
                  className="flex shrink-0"
                  title={`Flag: ${colorLabel(conversation.flag).toLowerCase()}`}
                >
                  <ColorDot color={conversation.flag} />
                  <span className="sr-only">
                    Flagged {colorLabel(conversation.flag).toLowerCase()}
                  </span>
                </span>
              ) : null}
              <h1 className="truncate text-[15px] leading-6 font-semibold tracking-tight text-fg">
                {conversation.title.trim() || 'New conversation'}
              </h1>
              {conversation.stateless ? (
                <Tooltip content="Temporary chat: removed when you leave it.">
                  <span tabIndex={0} className="inline-flex shrink-0 rounded-full">
                    <Badge tone="warning">Temporary</Badge>
                  </span>
                </Tooltip>
              ) : null}
            </div>
            <p className="flex min-w-0 items-center gap-1 text-xs text-fg-subtle">
              <Folder aria-hidden className="size-3 shrink-0" />
              <span className="sr-only">Workspace:</span>
              <span className="truncate">{conversation.workspace.name}</span>
            </p>
          </>
        ) : (
          <div aria-hidden className="flex flex-col gap-1.5 motion-safe:animate-pulse">
            <div className="h-3.5 w-48 max-w-full rounded bg-soft" />
            <div className="h-2.5 w-24 rounded bg-soft" />
          </div>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-1">
        {actions}
        {conversation ? (
          <ConversationPinsButton conversationId={conversation.id} compact={compact} />
        ) : null}
        {compact ? (
          <IconButton
            label={padLabel}
            icon={<NotebookPen />}
            aria-pressed={padOpen}
            className={cn(padOpen && 'bg-soft text-fg')}
            onClick={onTogglePad}
          />
        ) : (
          <Button
            variant={padOpen ? 'secondary' : 'ghost'}
            size="sm"
            icon={<NotebookPen />}
            aria-pressed={padOpen}
            aria-controls={padOpen ? MEMORY_PAD_PANEL_ID : undefined}
            title={padLabel}
            onClick={onTogglePad}
          >
            Memory pad
          </Button>
        )}
        {menu}
      </div>
    </header>
  );
}
