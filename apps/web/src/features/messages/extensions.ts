import type { Message } from '@margin/shared';
import { createContext, use, type ReactNode } from 'react';

/**
 * Extra per-message controls from other features (e.g. "Ask a doubt"), so they can join a
 * message's toolbar and "⋯" menu without the message components knowing about them.
 */
export interface MessageExtensions {
  /** Extra `DropdownMenuItem`s, shown in the "⋯" menu after the built-in actions. */
  menuItems?: (message: Message) => ReactNode;
  /** Extra small icon buttons in the hover toolbar, after Edit. */
  toolbar?: (message: Message) => ReactNode;
  /** Always-visible controls at the start of an answer's footer (e.g. "Memories used"). */
  footer?: (message: Message) => ReactNode;
}

export const MessageExtensionsContext = createContext<MessageExtensions>({});

export function useMessageExtensions(): MessageExtensions {
  return use(MessageExtensionsContext);
}
