import { CONVERSATION_LIMITS, type ConversationSummary } from '@margin/shared';
import { Flag, MessageCircleDashed } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  ActionContextMenu,
  ActionMenuButton,
  COLOR_META,
  ConfirmDialog,
  InlineEdit,
} from '../../components';
import { cn } from '../../lib/cn';
import { useTree } from '../workspaces/TreeContext';
import { conversationMenuEntries } from './conversationMenu';
import { useConversationDragSource } from './dnd';

/**
 * One conversation in the sidebar: a real link (middle-click, open in new tab), draggable onto a
 * folder, with its actions on right-click and behind a "⋯" button shown on hover or focus.
 */
export function ConversationRow({ conversation }: { conversation: ConversationSummary }) {
  const { openId, folders, conversationActions: actions } = useTree();
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { isDragging, dragProps } = useConversationDragSource(conversation);
  const active = openId === conversation.id;

  const entries = () =>
    conversationMenuEntries({
      conversation,
      folders,
      actions,
      onRename: () => {
        setRenaming(true);
      },
      onDelete: () => {
        setConfirmDelete(true);
      },
    });

  return (
    <li>
      <ActionContextMenu entries={entries}>
        <div
          data-active={active || undefined}
          className={cn(
            'group/row relative flex h-8 items-center rounded-lg text-sm transition-colors',
            active
              ? 'bg-soft-hover font-medium text-fg'
              : 'text-fg-muted hover:bg-soft hover:text-fg data-[state=open]:bg-soft data-[state=open]:text-fg',
            isDragging && 'opacity-40',
          )}
        >
          {renaming ? (
            <div className="flex-1 px-1">
              <InlineEdit
                value={conversation.title}
                label="Conversation title"
                maxLength={CONVERSATION_LIMITS.titleMax}
                onSubmit={(title) => void actions.rename(conversation, title)}
                onDone={() => {
                  setRenaming(false);
                }}
              />
            </div>
          ) : (
            <Link
              to={`/c/${conversation.id}`}
              aria-current={active ? 'page' : undefined}
              title={conversation.title}
              {...dragProps}
              className="flex h-full min-w-0 flex-1 items-center gap-2 rounded-lg pr-1.5 pl-2.5 group-hover/row:pr-9 group-has-[[data-state=open]]/row:pr-9 focus-visible:pr-9 pointer-coarse:pr-9"
            >
              {conversation.stateless ? (
                <MessageCircleDashed className="size-3.5 shrink-0 text-fg-subtle" aria-hidden />
              ) : null}
              <span className={cn('min-w-0 flex-1 truncate', conversation.stateless && 'italic')}>
                {conversation.stateless ? <span className="sr-only">Temporary chat: </span> : null}
                {conversation.title}
                {conversation.flag ? (
                  <span className="sr-only">{`, ${COLOR_META[conversation.flag].label} flag`}</span>
                ) : null}
              </span>
              {conversation.flag ? (
                <Flag
                  className={cn(
                    'size-3.5 shrink-0',
                    COLOR_META[conversation.flag].text,
                    COLOR_META[conversation.flag].fill,
                  )}
                  aria-hidden
                />
              ) : null}
            </Link>
          )}
          {renaming ? null : (
            <div className="absolute inset-y-0 right-0 flex items-center opacity-0 group-hover/row:opacity-100 focus-within:opacity-100 has-[[data-state=open]]:opacity-100 pointer-coarse:opacity-100">
              <ActionMenuButton entries={entries} label={`Actions for ${conversation.title}`} />
            </div>
          )}
        </div>
      </ActionContextMenu>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        tone="danger"
        title="Delete this conversation?"
        description={
          <>
            “{conversation.title}” and its messages, documents and notes will be deleted for good.
            {conversation.shared ? ' Its share link will stop working.' : ''}
          </>
        }
        confirmLabel="Delete"
        onConfirm={() => actions.remove(conversation)}
      />
    </li>
  );
}
