import type { ChatOptions } from '@margin/shared';
import { useCallback } from 'react';
import { toast } from '../../components';
import { getErrorCode, getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { turnMessages, useChatCache } from './cache';
import { parseCommands } from './commands';
import { chatStore } from './store';
import { TOAST_OPTIONS } from './toast';

export const CONFLICT_MESSAGE = 'A reply is already running — stop it or wait';

/**
 * Sends a message: the server stores the turn (unless it is not saved) and starts the reply job;
 * the new turn is shown at once and the job is followed. Resolves to false when sending failed
 * (the error is shown and the caller keeps the text).
 */
export function useChatSend(conversationId: string) {
  const mutation = trpc.chat.send.useMutation();
  const cache = useChatCache(conversationId);

  const send = useCallback(
    async (text: string, options: ChatOptions): Promise<boolean> => {
      const parsed = parseCommands(text);
      try {
        const result = await mutation.mutateAsync({ conversationId, text, options });
        const models = result.assistantMessageIds.map((_, i) => options.models?.[i] ?? null);
        const { lastId, nextPosition } = cache.tail();
        const messages = turnMessages(
          {
            conversationId,
            userMessageId: result.userMessageId,
            userText: parsed.text,
            assistantMessageIds: result.assistantMessageIds,
            models,
          },
          nextPosition,
        );
        if (result.assistantMessageIds.length > 0) {
          if (result.persisted) cache.append(messages);
          else chatStore.addEphemeralTurn(conversationId, { afterId: lastId, messages });
          for (const id of result.assistantMessageIds) {
            chatStore.setAnswer(id, { text: '', phase: 'running', error: null });
          }
        }
        chatStore.setRun(conversationId, {
          jobId: result.jobId,
          conversationId,
          messageIds: result.assistantMessageIds,
          phase: 'running',
          status: null,
          error: null,
          persisted: result.persisted,
          commandOnly: result.assistantMessageIds.length === 0,
        });
        chatStore.requestScrollToEnd(conversationId);
        if (result.persisted || parsed.deletePreviousTurn) void cache.refreshMessages();
        return true;
      } catch (error) {
        if (getErrorCode(error) === 'CONFLICT') toast.error(CONFLICT_MESSAGE, TOAST_OPTIONS);
        else
          toast.error("Couldn't send the message", {
            ...TOAST_OPTIONS,
            description: getErrorMessage(error),
          });
        return false;
      }
    },
    [mutation, cache, conversationId],
  );

  return { send, sending: mutation.isPending, error: mutation.error };
}
