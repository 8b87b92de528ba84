/** Full-text search over the caller's messages (FTS5 `messages_fts`, BM25 ranking). */
import { conversationQueries, type Executor } from '@margin/db';
import {
  CONVERSATION_LIMITS,
  SEARCH_HIGHLIGHT,
  type ConversationSearchHit,
  type SearchConversationsInput,
} from '@margin/shared';
import { toFtsQuery } from '../fts.js';

export function searchConversations({
  db,
  userId,
  input,
}: {
  db: Executor;
  userId: string;
  input: SearchConversationsInput;
}): ConversationSearchHit[] {
  // Raw text never reaches MATCH: toFtsQuery quotes every term, so no query can be an FTS error.
  const ftsQuery = toFtsQuery(input.query);
  if (ftsQuery === null) return [];
  return conversationQueries.searchMessages({
    db,
    userId,
    ftsQuery,
    domain: input.domain,
    limit: input.limit ?? CONVERSATION_LIMITS.searchDefault,
    highlight: SEARCH_HIGHLIGHT,
  });
}
