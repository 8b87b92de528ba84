/** React hooks over the chat store: each subscribes to exactly one key. */
import type { Message, MessageStatus } from '@margin/shared';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { JobPhase } from '../../lib/jobs';
import { chatStore, storeKeys, type EphemeralTurn, type LiveAnswer, type ReplyRun } from './store';

function useStoreValue<T>(key: string, read: () => T): T {
  const subscribe = useCallback(
    (listener: () => void) => chatStore.subscribe(key, listener),
    [key],
  );
  return useSyncExternalStore(subscribe, read, read);
}

export function useLiveAnswer(messageId: string): LiveAnswer | undefined {
  return useStoreValue(storeKeys.answerKey(messageId), () => chatStore.answer(messageId));
}

export function useReplyRun(conversationId: string): ReplyRun | undefined {
  return useStoreValue(storeKeys.runKey(conversationId), () => chatStore.run(conversationId));
}

/** True while a reply streams in this conversation. */
export function useReplyStreaming(conversationId: string): boolean {
  return useStoreValue(
    storeKeys.runKey(conversationId),
    () => chatStore.run(conversationId)?.phase === 'running',
  );
}

export function useEphemeralTurns(conversationId: string): readonly EphemeralTurn[] {
  return useStoreValue(storeKeys.ephemeralKey(conversationId), () =>
    chatStore.ephemeralTurns(conversationId),
  );
}

/** Changes each time the user sends: the message list then jumps to the end. */
export function useScrollRequest(conversationId: string): number {
  return useStoreValue(storeKeys.scrollKey(conversationId), () =>
    chatStore.scrollRequest(conversationId),
  );
}

const PHASE_STATUS: Record<JobPhase, MessageStatus> = {
  idle: 'streaming',
  running: 'streaming',
  done: 'complete',
  error: 'error',
  cancelled: 'cancelled',
};

export interface LiveMessage {
  /** The message with the streamed text and state applied. */
  message: Message;
  /** True while its text is still growing. */
  streaming: boolean;
  /** A turn that was not saved (`/temp`, "save this turn" off). */
  ephemeral: boolean;
}

/**
 * A stored message merged with its live stream: while the row still says `streaming`, the
 * streamed text (replayed from the start after a reload) wins over the partial text in the row.
 */
export function useLiveMessage(stored: Message): LiveMessage {
  const live = useLiveAnswer(stored.id);
  const ephemeral = chatStore.isEphemeral(stored.id);
  return useMemo(() => {
    if (!live || (!ephemeral && stored.status !== 'streaming')) {
      return { message: stored, streaming: stored.status === 'streaming', ephemeral };
    }
    const text = live.text.length >= stored.content.length ? live.text : stored.content;
    const status = PHASE_STATUS[live.phase];
    return {
      message: {
        ...stored,
        content: text,
        status,
        error: status === 'error' ? (live.error ?? stored.error) : stored.error,
      },
      streaming: status === 'streaming',
      ephemeral,
    };
  }, [live, stored, ephemeral]);
}
