import type { Message } from '@margin/shared';
import { Pencil } from 'lucide-react';
import { CopyIconButton, IconButton } from '../../components';
import { cn } from '../../lib/cn';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useMessageActions } from './actionsContext';
import { useMessageExtensions } from './extensions';
import { MessageMenu } from './MessageMenu';

/**
 * Actions row under a message: copy, edit, the "⋯" menu and when it was written — shown on hover
 * or keyboard focus, always on touch screens — plus the "edited" marker, always visible.
 */
export function MessageFooter({ message }: { message: Message }) {
  const actions = useMessageActions();
  const extensions = useMessageExtensions();
  const isUser = message.role === 'user';
  const time = (
    <span className="px-1.5 whitespace-nowrap" title={formatDateTime(message.createdAt)}>
      {formatRelative(message.createdAt)}
    </span>
  );
  const tools = (
    <div
      className={cn(
        'flex items-center gap-0.5 transition-opacity',
        'opacity-0 group-hover/message:opacity-100 group-focus-within/message:opacity-100',
        'pointer-coarse:opacity-100 has-[[data-state=open]]:opacity-100',
      )}
    >
      {isUser ? time : null}
      <CopyIconButton value={message.content} label="Copy message" />
      <IconButton
        label="Edit message"
        icon={<Pencil />}
        size="sm"
        disabled={message.status === 'streaming'}
        onClick={() => {
          actions.edit(message);
        }}
      />
      {extensions.toolbar?.(message)}
      <MessageMenu message={message} />
      {isUser ? null : time}
    </div>
  );
  const edited =
    message.versionCount > 1 ? (
      <button
        type="button"
        className="rounded-md px-1.5 py-0.5 font-medium whitespace-nowrap text-fg-muted hover:bg-soft hover:text-fg"
        title="Show the version history"
        onClick={() => {
          actions.showHistory(message);
        }}
      >
        edited
      </button>
    ) : null;
  return (
    <div
      className={cn(
        'mt-1 flex min-h-8 items-center gap-1 text-xs text-fg-subtle',
        isUser && 'justify-end',
      )}
    >
      {isUser ? (
        <>
          {tools}
          {edited}
        </>
      ) : (
        <>
          {extensions.footer?.(message)}
          {edited}
          {tools}
        </>
      )}
    </div>
  );
}
