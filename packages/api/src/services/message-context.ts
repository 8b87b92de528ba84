/**
 * The neighbourhood of one message (a few before, a couple after), as text for doubt and quick-
 * action prompts. Hidden messages stay out, like everywhere else in prompts.
 */
import { messageQueries, type Executor, type MessageRow } from '@margin/db';
import { TRPCError } from '@trpc/server';
import { truncateToTokens } from './chat/tokens.js';

const BEFORE = 4;
const AFTER = 2;

/** The caller's message in that conversation, or NOT_FOUND. */
export function requireMessageIn({
  db,
  userId,
  conversationId,
  messageId,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  messageId: string;
}): MessageRow {
  const message = messageQueries.findOwnedMessage({ db, id: messageId, userId });
  if (message?.conversationId !== conversationId) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'Message not found in this conversation.' });
  }
  return message;
}

export function messageWindowText({
  db,
  target,
  marker,
}: {
  db: Executor;
  target: MessageRow;
  marker: string;
}): string {
  const rows = messageQueries
    .listMessagesInRange({
      db,
      conversationId: target.conversationId,
      from: target.position - BEFORE,
      to: target.position + AFTER,
    })
    .filter((m) => !m.hidden || m.id === target.id);
  return rows
    .map((m) => {
      const who = m.role === 'user' ? 'User' : 'Assistant';
      const flag = m.id === target.id ? ` ${marker}` : '';
      return `### ${who}${flag}\n${truncateToTokens(m.content, m.id === target.id ? 6000 : 1500)}`;
    })
    .join('\n\n');
}
