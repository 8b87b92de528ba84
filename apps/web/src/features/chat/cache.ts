/** Query-cache edits after a send, so the new turn shows before the list refetches. */
import type { Message, MessagePage } from '@margin/shared';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useCallback, useMemo } from 'react';
import { trpc } from '../../lib/trpc';

export interface NewTurn {
  conversationId: string;
  userMessageId: string;
  userText: string;
  assistantMessageIds: string[];
  models: (string | null)[];
}

/** Message objects for a turn the server just accepted (same ids as its rows). */
export function turnMessages(turn: NewTurn, firstPosition: number, now = new Date()): Message[] {
  const base = {
    conversationId: turn.conversationId,
    hidden: false,
    tldr: null,
    error: null,
    versionCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  const user: Message = {
    ...base,
    id: turn.userMessageId,
    role: 'user',
    content: turn.userText,
    position: firstPosition,
    status: 'complete',
    model: null,
  };
  const answers = turn.assistantMessageIds.map((id, i): Message => ({
    ...base,
    id,
    role: 'assistant',
    content: '',
    position: firstPosition + 1 + i,
    status: 'streaming',
    model: turn.models[i] ?? null,
  }));
  return [user, ...answers];
}

export function useChatCache(conversationId: string) {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const listKey = useMemo(
    () => getQueryKey(trpc.messages.list, { conversationId }, 'infinite'),
    [conversationId],
  );

  /** The newest stored message and the next position. */
  const tail = useCallback((): { lastId: string | null; nextPosition: number } => {
    let last: Message | undefined;
    for (const [, data] of queryClient.getQueriesData<InfiniteData<MessagePage>>({
      queryKey: listKey,
    })) {
      const items = data?.pages[0]?.items;
      const candidate = items?.[items.length - 1];
      if (candidate && (!last || candidate.position > last.position)) last = candidate;
    }
    return { lastId: last?.id ?? null, nextPosition: (last?.position ?? -1) + 1 };
  }, [queryClient, listKey]);

  /** Appends stored messages to the newest loaded page of every cached list. */
  const append = useCallback(
    (messages: Message[]) => {
      queryClient.setQueriesData<InfiniteData<MessagePage>>({ queryKey: listKey }, (data) => {
        if (!data) return data;
        const [newest, ...older] = data.pages;
        if (!newest) return { ...data, pages: [{ items: messages, nextCursor: null }] };
        const known = new Set(newest.items.map((m) => m.id));
        const items = [...newest.items, ...messages.filter((m) => !known.has(m.id))];
        return { ...data, pages: [{ ...newest, items }, ...older] };
      });
    },
    [queryClient, listKey],
  );

  const refreshMessages = useCallback(
    () => utils.messages.list.invalidate({ conversationId }),
    [utils, conversationId],
  );

  /** Title, summary and sidebar order change after a turn. */
  const refreshConversation = useCallback(
    () =>
      Promise.all([
        utils.conversations.get.invalidate({ id: conversationId }),
        utils.conversations.list.invalidate(),
        utils.conversations.suggestions.invalidate({ id: conversationId }),
      ]),
    [utils, conversationId],
  );

  return { tail, append, refreshMessages, refreshConversation };
}
