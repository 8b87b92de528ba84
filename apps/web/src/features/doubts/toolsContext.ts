import type { LlmAction } from '@margin/shared';
import { createContext, use } from 'react';

/** What the quick-action side chat starts from: a selection inside one message. */
export interface QuickActionRequest {
  messageId: string;
  selectedText: string;
  /** null: open the side chat and let the user pick an action or type a question. */
  action: LlmAction | null;
  question?: string | undefined;
  withContext: boolean;
}

/** The conversation's tool panels (doubts, quick-action chat, code editor), openable anywhere. */
export interface ConversationTools {
  conversationId: string;
  openDoubts: (messageId: string) => void;
  openQuickAction: (request: QuickActionRequest) => void;
  openCode: () => void;
  close: () => void;
  /** Which panel is showing, for toggles (`aria-pressed`). */
  active: 'doubts' | 'quick' | 'code' | null;
}

export const ConversationToolsContext = createContext<ConversationTools | null>(null);

/** The tools of the conversation on screen, or null outside one (e.g. the shared page). */
export function useConversationTools(): ConversationTools | null {
  return use(ConversationToolsContext);
}
