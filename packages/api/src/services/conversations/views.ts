/** Row → API shape mapping for conversations, and the one NOT_FOUND every procedure uses. */
import { TRPCError } from '@trpc/server';
import type { conversationQueries } from '@margin/db';
import {
  COLORS,
  DOMAINS,
  type Color,
  type Conversation,
  type ConversationSummary,
  type Domain,
} from '@margin/shared';

export function asColor(value: string | null): Color | null {
  return COLORS.find((c) => c === value) ?? null;
}

export function asDomain(value: string): Domain {
  const domain = DOMAINS.find((d) => d === value);
  // Rows are only written through validated inputs, so this is a corrupted row, not a user error.
  if (!domain) throw new Error(`Unknown domain in the database: ${value}`);
  return domain;
}

/**
 * Missing and "someone else's" give the same error, so ids cannot be probed.
 */
export const conversationNotFound = () =>
  new TRPCError({
    code: 'NOT_FOUND',
    message: 'Conversation not found. It may have been deleted; reload the list.',
  });

export const sharePath = (token: string) => `/shared/${token}`;

export function toConversationSummary(
  row: conversationQueries.ConversationListRow,
): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    workspaceId: row.workspaceId,
    domain: asDomain(row.domain),
    flag: asColor(row.flag),
    stateless: row.stateless,
    lastActivityAt: row.lastActivityAt,
    createdAt: row.createdAt,
    shared: row.shareToken !== null,
  };
}

export function toConversation({
  conversation,
  workspace,
}: conversationQueries.ConversationWithWorkspace): Conversation {
  return {
    ...toConversationSummary(conversation),
    summary: conversation.summary,
    memoryPad: conversation.memoryPad,
    titleLocked: conversation.titleLocked,
    workspace: { id: workspace.id, name: workspace.name, color: asColor(workspace.color) },
    shareToken: conversation.shareToken,
    sharePath: conversation.shareToken === null ? null : sharePath(conversation.shareToken),
  };
}
