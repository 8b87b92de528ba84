import type { Conversation } from '@margin/shared';
import { useEffect, useRef } from 'react';
import { useDomain } from '../shell/domain';

/**
 * Opening a conversation of another tab (a link, search, back/forward) switches the tab to it, once
 * per opening: switching tabs by hand afterwards is left alone.
 */
export function useFollowConversationDomain(
  openId: string | undefined,
  conversation: Conversation | undefined,
) {
  const { domain, setDomain } = useDomain();
  const followed = useRef<string | null>(null);

  useEffect(() => {
    if (openId === undefined) {
      followed.current = null;
      return;
    }
    if (conversation?.id !== openId || followed.current === openId) return;
    followed.current = openId;
    if (conversation.domain !== domain) setDomain(conversation.domain);
  }, [openId, conversation, domain, setDomain]);
}
