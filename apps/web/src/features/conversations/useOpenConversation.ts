import { skipToken } from '@tanstack/react-query';
import { useMatch } from 'react-router';
import { trpc } from '../../lib/trpc';

/** The conversation in the URL (`/c/:id` or `/c/:id/m/:messageId`), if any. */
export function useOpenConversationId(): string | undefined {
  const match = useMatch({ path: '/c/:conversationId', end: false });
  return match?.params.conversationId;
}

/**
 * The open conversation and its details (`conversations.get`, shared with the conversation view's
 * cache): its domain, workspace and whether it is a temporary chat.
 */
export function useOpenConversation() {
  const id = useOpenConversationId();
  const query = trpc.conversations.get.useQuery(id ? { id } : skipToken, { retry: false });
  const conversation = id && query.data?.id === id ? query.data : undefined;
  return { id, conversation };
}
