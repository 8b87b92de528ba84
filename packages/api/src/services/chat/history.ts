/** Chooses the earlier messages a reply sees: the last N turns, all, none, or picked ones. */
import { conversationQueries, messageQueries, type Executor, type MessageRow } from '@margin/db';
import type { ChatMessage } from '../llm/client.js';

export type HistoryMode = number | 'all' | 'none';

/** Upper bound on messages read for 'all'; the prompt budget trims further. */
const ALL_LIMIT = 400;

/**
 * One answer per turn: when several models answered, the first usable answer stands for the
 * turn; empty or failed placeholders are skipped.
 */
function toChatHistory(rows: MessageRow[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  let answered = false;
  for (const row of rows) {
    if (!row.content.trim()) continue;
    if (row.role === 'user') {
      out.push({ role: 'user', content: row.content });
      answered = false;
    } else if (!answered && row.status !== 'error') {
      out.push({ role: 'assistant', content: row.content });
      answered = true;
    }
  }
  return out;
}

export function selectHistory({
  db,
  userId,
  conversationId,
  mode,
  messageIds,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  mode: HistoryMode;
  messageIds?: string[] | undefined;
}): ChatMessage[] {
  if (messageIds && messageIds.length > 0) {
    const rows = messageQueries
      .findOwnedMessagesByIds({ db, conversationId, ids: messageIds, userId })
      .filter((m) => !m.hidden)
      .sort((a, b) => a.position - b.position);
    return toChatHistory(rows);
  }
  if (mode === 'none' || mode === 0) return [];
  const limit = mode === 'all' ? ALL_LIMIT : Math.min(ALL_LIMIT, mode * 6);
  const rows = conversationQueries.listRecentVisibleMessages({ db, conversationId, limit });
  const history = toChatHistory(rows);
  if (mode === 'all') return history;
  // Keep from the N-th last user message on.
  let users = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]?.role === 'user' && ++users === mode) return history.slice(i);
  }
  return history;
}
