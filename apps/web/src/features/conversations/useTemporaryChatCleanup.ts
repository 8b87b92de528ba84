import { useEffect, useRef } from 'react';
import { useConversationCache } from './cache';
import type { ConversationActions } from './useConversationActions';

/**
 * Temporary chats vanish when the user leaves them: when the open conversation changes (another
 * chat, the home page, another tab of the app), the one left behind is deleted if it was temporary.
 * Chats abandoned by closing the browser are removed by the server after an idle hour.
 */
export function useTemporaryChatCleanup(
  openId: string | undefined,
  discard: ConversationActions['discardTemporary'],
) {
  const cache = useConversationCache();
  const previous = useRef(openId);

  useEffect(() => {
    const left = previous.current;
    previous.current = openId;
    if (left === undefined || left === openId) return;
    if (cache.find(left)?.stateless === true) void discard(left);
  }, [openId, cache, discard]);
}
