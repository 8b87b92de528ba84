/** Gathers what a reply draws on, before any row of the new turn is written. */
import { conversationQueries, profileQueries, workspaceQueries, type Db } from '@margin/db';
import type { ChatOptions } from '@margin/shared';
import { composePromptForUser } from '../prompts.js';
import { requireConversation } from '../conversations/core.js';
import { mentionsMemoryPad, type ParsedMessage } from './commands.js';
import { documentReferences, type ContextSources, type MemoryUse } from './context-sources.js';
import { selectHistory, type HistoryMode } from './history.js';
import type { PromptInputs } from './prompt.js';

export const DEFAULT_HISTORY_TURNS = 10;

export type ReplyContext = Omit<PromptInputs, 'contextWindow'> & {
  /** The claims in `memories`: recorded for each answer when the turn is saved. */
  memoryUses: MemoryUse[];
};

export async function gatherReplyContext({
  db,
  sources,
  userId,
  conversationId,
  parsed,
  options,
  now,
}: {
  db: Db;
  sources: ContextSources;
  userId: string;
  conversationId: string;
  parsed: ParsedMessage;
  options: ChatOptions;
  now: Date;
}): Promise<ReplyContext> {
  const conversation = requireConversation({ db, userId, id: conversationId });
  const mode: HistoryMode = parsed.historyTurns ?? options.historyTurns ?? DEFAULT_HISTORY_TURNS;
  const history = selectHistory({
    db,
    userId,
    conversationId,
    mode,
    messageIds: options.historyMessageIds,
  });
  const workspace = workspaceQueries.findWorkspace({ db, id: conversation.workspaceId, userId });
  const profile = profileQueries.findProfile({ db, userId });
  // Unknown or cyclic prompt names are the user's choice gone stale: a clear error, not a guess.
  const promptFragments = (options.promptNames ?? []).map((name) => ({
    name,
    content: composePromptForUser({ db, userId, name, now }),
  }));
  const useMemoryPad = options.useMemoryPad === true || mentionsMemoryPad(parsed.text);
  // 'none' is a fresh question: no earlier turns and no running summary either.
  const summary = mode === 'none' ? undefined : conversation.summary;
  const [documents, memories] = await Promise.all([
    sources.documents({
      userId,
      conversationId,
      query: parsed.text,
      documentIds: options.documentIds ?? [],
      references: documentReferences(parsed.text),
    }),
    sources.memories({
      userId,
      conversationId,
      query: parsed.text,
      referencedIds: parsed.memoryIds,
      attachedIds: options.attachedClaimIds ?? [],
      summary,
    }),
  ]);
  return {
    now,
    query: parsed.text,
    history,
    summary,
    memoryPad: useMemoryPad ? conversation.memoryPad : undefined,
    workspaceSystemPrompt: workspace?.systemPrompt ?? undefined,
    promptFragments,
    profile: profile ? { memory: profile.memory, preferences: profile.preferences } : undefined,
    instructions: options.instructions,
    detail: parsed.detail ?? options.detail,
    documents,
    memories: memories.blocks,
    memoryUses: memories.uses,
  };
}

/** Sets and locks a title (the `/title` command). */
export function lockTitle({
  db,
  userId,
  conversationId,
  title,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  title: string;
}): void {
  conversationQueries.updateConversation({
    db,
    id: conversationId,
    userId,
    changes: { title, titleLocked: true },
  });
}

export function clearSuggestions({
  db,
  userId,
  conversationId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
}): void {
  // Most turns have none to clear; an update (a write transaction) costs more than the look.
  const current = conversationQueries.findConversation({ db, id: conversationId, userId });
  if (!current || current.suggestions.length === 0) return;
  conversationQueries.updateConversation({
    db,
    id: conversationId,
    userId,
    changes: { suggestions: [] },
  });
}
