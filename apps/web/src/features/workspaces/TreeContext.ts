import type { Domain, Workspace } from '@margin/shared';
import { createContext, use } from 'react';
import type { ConversationActions } from '../conversations/useConversationActions';
import type { NewChatOptions } from '../conversations/useNewChat';
import type { WorkspaceNode } from './tree';
import type { WorkspaceActions } from './useWorkspaceActions';

/** What every folder and row of the sidebar tree needs, provided once by <WorkspaceTree>. */
export interface TreeContextValue {
  domain: Domain;
  workspaces: readonly Workspace[];
  /** All folders of the tab in display order, with depth. */
  folders: readonly WorkspaceNode[];
  /** The conversation in the URL. */
  openId: string | undefined;
  /** Passed to `conversations.list` so the open temporary chat is never cleaned up under us. */
  keepId: string | undefined;
  conversationActions: ConversationActions;
  workspaceActions: WorkspaceActions;
  newChat: (options?: NewChatOptions) => Promise<void>;
  newChatPending: NewChatOptions | null;
  /** Opens the "new workspace" dialog (null = top level). */
  createFolder: (parent: Workspace | null) => void;
}

export const TreeContext = createContext<TreeContextValue | null>(null);

export function useTree(): TreeContextValue {
  const value = use(TreeContext);
  if (!value) throw new Error('useTree must be used inside <WorkspaceTree>');
  return value;
}
