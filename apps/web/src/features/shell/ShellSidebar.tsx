import { Brain } from 'lucide-react';
import { useState } from 'react';
import { NavLink } from 'react-router';
import { cn } from '../../lib/cn';
import { NewChatButtons } from '../conversations/NewChatButtons';
import { useConversationActions } from '../conversations/useConversationActions';
import { useFollowConversationDomain } from '../conversations/useFollowConversationDomain';
import { useNewChat } from '../conversations/useNewChat';
import { useOpenConversation } from '../conversations/useOpenConversation';
import { useTemporaryChatCleanup } from '../conversations/useTemporaryChatCleanup';
import { memoryPageLink } from '../memory/links';
import { SearchLauncher } from '../search/SearchLauncher';
import { SearchPaletteHost } from '../search/SearchPaletteHost';
import { SHORTCUTS } from '../search/shortcuts';
import { useHotkey } from '../search/useHotkey';
import { WorkspaceTree } from '../workspaces/WorkspaceTree';
import { Sidebar } from './Sidebar';

/**
 * The sidebar's content: New chat, search, and the active tab's workspace tree with its
 * conversations. Also owns the app-wide shortcuts (Ctrl/⌘+K search, Ctrl/⌘+Shift+O new chat) and
 * the clean-up of temporary chats, since it is mounted on every signed-in page.
 */
export function ShellSidebar({
  open,
  onOpenChange,
  mobile,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  mobile: boolean;
}) {
  const { id: openId, conversation } = useOpenConversation();
  const conversationActions = useConversationActions();
  const newChat = useNewChat();
  const [searchOpen, setSearchOpen] = useState(false);

  useTemporaryChatCleanup(openId, conversationActions.discardTemporary);
  useFollowConversationDomain(openId, conversation);
  useHotkey(SHORTCUTS.search, () => {
    setSearchOpen((current) => !current);
  });
  useHotkey(SHORTCUTS.newChat, () => void newChat.start());

  const openSearch = () => {
    if (mobile) onOpenChange(false);
    setSearchOpen(true);
  };

  return (
    <>
      <Sidebar
        open={open}
        onOpenChange={onOpenChange}
        mobile={mobile}
        actions={
          <div className="flex flex-col gap-1">
            <NewChatButtons
              onNewChat={(options) => void newChat.start(options)}
              pending={newChat.pending}
            />
            <SearchLauncher onOpen={openSearch} />
            <NavLink
              to={memoryPageLink({ conversationId: openId ?? undefined })}
              onClick={() => {
                if (mobile) onOpenChange(false);
              }}
              className={({ isActive }) =>
                cn(
                  'flex h-9 w-full items-center gap-2.5 rounded-lg px-2.5 text-sm text-fg-muted transition-colors hover:bg-soft hover:text-fg',
                  isActive && 'bg-soft font-medium text-fg',
                )
              }
            >
              <Brain className="size-4 shrink-0" aria-hidden />
              Memory
            </NavLink>
          </div>
        }
      >
        <WorkspaceTree
          openId={openId}
          keepId={conversation?.stateless === true ? openId : undefined}
          conversationActions={conversationActions}
          newChat={newChat}
        />
      </Sidebar>
      <SearchPaletteHost open={searchOpen} onOpenChange={setSearchOpen} />
    </>
  );
}
