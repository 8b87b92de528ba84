import type { Message } from '@margin/shared';
import { createContext, use } from 'react';

/** What a message card can ask for; dialogs live outside the virtualised rows. */
export interface MessageActions {
  edit: (message: Message) => void;
  showHistory: (message: Message) => void;
  setHidden: (message: Message, hidden: boolean) => void;
  remove: (message: Message) => void;
  select: (message: Message) => void;
  toggleSelected: (message: Message) => void;
  copyLink: (message: Message) => void;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export function useMessageActions(): MessageActions {
  const actions = use(MessageActionsContext);
  if (!actions) throw new Error('useMessageActions needs a <MessageActionsProvider>');
  return actions;
}
