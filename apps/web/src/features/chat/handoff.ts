/**
 * The router renders a navigation in a React transition: the address bar already shows the chat
 * being opened (New chat, Ctrl+Shift+O, a sidebar link) while the previous conversation stays on
 * screen, and interactive, until the new page is ready — a second or more on a loaded machine.
 * What is typed or sent in that window belongs to the chat the address bar shows, so the old
 * composer hands it over instead of sending it to the conversation being left.
 */

/** A hand-over older than this is not acted on (the navigation it belonged to never finished). */
export const HANDOFF_MAX_AGE_MS = 30_000;

export interface ComposerHandoff {
  text: string;
  /** Enter was pressed: the new chat sends the text as soon as its composer is there. */
  send: boolean;
  at: number;
}

/** The conversation the address shows: `/c/:id` or `/c/:id/m/:messageId`. */
export function addressedConversation(pathname: string): string | null {
  const match = /^\/c\/([^/]+)(?:\/m\/[^/]+)?\/?$/.exec(pathname);
  const id = match?.[1];
  return id === undefined ? null : decodeURIComponent(id);
}

/**
 * The conversation being opened while the composer of `conversationId` is still on screen, or
 * null when the address shows this conversation (or a page that is not a conversation).
 */
export function conversationBeingOpened(conversationId: string, pathname: string): string | null {
  const shown = addressedConversation(pathname);
  return shown !== null && shown !== conversationId ? shown : null;
}

/** Text waiting for the composer of a conversation that is being opened. */
export class ComposerHandoffs {
  private readonly waiting = new Map<string, ComposerHandoff>();

  put(conversationId: string, text: string, send: boolean, now = Date.now()): void {
    if (text === '') this.waiting.delete(conversationId);
    else this.waiting.set(conversationId, { text, send, at: now });
  }

  /** Removes and returns what waits for the conversation, unless it is stale. */
  take(conversationId: string, now = Date.now()): ComposerHandoff | undefined {
    const found = this.waiting.get(conversationId);
    this.waiting.delete(conversationId);
    return found && now - found.at <= HANDOFF_MAX_AGE_MS ? found : undefined;
  }
}

export const composerHandoffs = new ComposerHandoffs();
