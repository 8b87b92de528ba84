import type { Message } from '@margin/shared';
import { useCallback, useMemo } from 'react';
import { trpc } from '../../lib/trpc';
import { useEphemeralTurns } from '../chat/live';
import { withEphemeralTurns } from '../chat/ephemeral';

export const MESSAGE_PAGE_SIZE = 50;

/**
 * Messages of a conversation, newest page first; `fetchNextPage` loads OLDER messages.
 * `messages` is the loaded window in ascending order (oldest loaded first).
 */
export function useMessagePages(conversationId: string) {
  const query = trpc.messages.list.useInfiniteQuery(
    { conversationId, limit: MESSAGE_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const pages = query.data?.pages;
  // Turns answered without being saved (`/temp`) live only in this tab.
  const ephemeral = useEphemeralTurns(conversationId);
  const messages = useMemo(() => {
    if (!pages) return [];
    const seen = new Set<string>();
    const out: Message[] = [];
    for (let p = pages.length - 1; p >= 0; p--) {
      for (const message of pages[p]?.items ?? []) {
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        out.push(message);
      }
    }
    return withEphemeralTurns(out, ephemeral);
  }, [pages, ephemeral]);
  return { ...query, messages };
}

/** Refreshes everything that shows messages of this conversation after a change. */
export function useInvalidateMessages(conversationId: string) {
  const utils = trpc.useUtils();
  return useCallback(
    () =>
      Promise.all([
        utils.messages.list.invalidate({ conversationId }),
        utils.messages.versions.invalidate(),
      ]),
    [utils, conversationId],
  );
}
