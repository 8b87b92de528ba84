import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useDomain } from '../shell/domain';
import { useWorkspaceActions } from '../workspaces/useWorkspaceActions';
import { useOpenConversation } from './useOpenConversation';

export interface NewChatOptions {
  /** A temporary chat: deleted as soon as the user leaves it. */
  temporary?: boolean;
  /** Default: the open conversation's workspace in this tab, else the tab's "General". */
  workspaceId?: string;
}

/** Creates a conversation in the active tab, reveals its folder and opens it at /c/:id. */
export function useNewChat() {
  const { domain } = useDomain();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const workspaces = useWorkspaceActions(domain);
  const { conversation: open } = useOpenConversation();
  const [pending, setPending] = useState<NewChatOptions | null>(null);

  const start = useCallback(
    async (options: NewChatOptions = {}) => {
      if (pending) return;
      setPending(options);
      try {
        const workspaceId =
          options.workspaceId ?? (open?.domain === domain ? open.workspaceId : undefined);
        const conversation = await utils.client.conversations.create.mutate({
          domain,
          workspaceId,
          stateless: options.temporary === true ? true : undefined,
        });
        utils.conversations.get.setData({ id: conversation.id }, conversation);
        void utils.conversations.list.invalidate();
        void utils.workspaces.list.invalidate({ domain });
        void workspaces.reveal(conversation.workspaceId);
        // A new chat is for typing: the composer takes the focus (see ChatPanel).
        await navigate(`/c/${conversation.id}`, { state: { focusComposer: true } });
      } catch (error) {
        toast.error(getErrorMessage(error));
      } finally {
        setPending(null);
      }
    },
    [domain, navigate, open, pending, utils, workspaces],
  );

  return { start, pending };
}
