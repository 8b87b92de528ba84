import { MessageCircleDashed, SquarePen } from 'lucide-react';
import { Button, IconButton, Tooltip } from '../../components';
import { ariaKeyShortcuts, SHORTCUTS, shortcutText } from '../search/shortcuts';
import type { NewChatOptions } from './useNewChat';

/** "New chat" (Ctrl/⌘+Shift+O) and its temporary sibling, at the top of the sidebar. */
export function NewChatButtons({
  onNewChat,
  pending,
}: {
  onNewChat: (options?: NewChatOptions) => void;
  pending: NewChatOptions | null;
}) {
  const creating = pending !== null && pending.workspaceId === undefined;
  return (
    <div className="flex items-center gap-1.5">
      <Tooltip content={`New chat (${shortcutText(SHORTCUTS.newChat)})`}>
        <Button
          variant="secondary"
          className="flex-1 justify-start"
          icon={<SquarePen />}
          loading={creating && pending.temporary !== true}
          disabled={creating}
          aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.newChat)}
          onClick={() => {
            onNewChat();
          }}
        >
          New chat
        </Button>
      </Tooltip>
      <IconButton
        variant="secondary"
        label="New temporary chat (deleted when you leave it)"
        icon={<MessageCircleDashed />}
        loading={creating && pending.temporary === true}
        disabled={creating}
        onClick={() => {
          onNewChat({ temporary: true });
        }}
      />
    </div>
  );
}
