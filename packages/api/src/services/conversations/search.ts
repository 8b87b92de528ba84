/** Full-text search over the caller's messages (FTS5 `messages_fts`, BM25 ranking). */
import { conversationQueries, type Executor } from '@margin/db';
import {
  CONVERSATION_LIMITS,
  SEARCH_HIGHLIGHT,
  type ConversationSearchHit,
  type SearchConversationsInput,
} from '@margin/shared';
import { toFtsQuery } from '../fts.js';

/** From this many matching messages on, results come newest first instead of by BM25 rank. */
export const COMMON_MATCHES = 5000;

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
  // Ranking scores every match; for a term in tens of thousands of messages that alone exceeds
  // the search budget, and relevance among so many near-equal hits means little: newest first.
  const common =
    conversationQueries.countSearchMatches({ db, ftsQuery, cap: COMMON_MATCHES }) >= COMMON_MATCHES;
  return conversationQueries.searchMessages({
    order: common ? 'newest' : 'relevance',
    db,
    userId,
    ftsQuery,
    domain: input.domain,
    limit: input.limit ?? CONVERSATION_LIMITS.searchDefault,
    highlight: SEARCH_HIGHLIGHT,
  });
}
