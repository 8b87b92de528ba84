import { useEffect, useRef } from 'react';
import { toast } from '../../components';
import { useJobStream, type JobStreamState } from '../../lib/jobs';
import { useChatCache } from './cache';
import { chatStore, type ReplyRun } from './store';
import { TOAST_OPTIONS } from './toast';

/** Suggestions and the title are written shortly after `done`; look again after this. */
const AFTER_TURN_REFRESH_MS = [1500, 4000];

/**
 * Follows one reply job and copies its state into the chat store (renders nothing). Only the
 * cards showing the streamed answers re-render on each delta. Key it by job id.
 */
export function ReplyFollower({ run }: { run: ReplyRun }) {
  const { conversationId, jobId } = run;
  const cache = useChatCache(conversationId);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);

  const onEnd = (state: JobStreamState) => {
    const ids = [...new Set([...run.messageIds, ...Object.keys(state.textByMessage)])];
    if (state.phase === 'error') {
      toast.error('The answer failed', {
        ...TOAST_OPTIONS,
        description: state.error ?? undefined,
      });
    }
    void (async () => {
      await cache.refreshMessages();
      // The stored rows now hold the final text and state.
      chatStore.dropAnswers(ids);
    })();
    void cache.refreshConversation();
    if (state.phase === 'done' && run.persisted) {
      for (const delay of AFTER_TURN_REFRESH_MS) {
        timers.current.push(
          setTimeout(() => {
            void cache.refreshConversation();
          }, delay),
        );
      }
    }
  };

  const stream = useJobStream(jobId, { onEnd });
  const { phase, status, lastStatus, error, textByMessage, text } = stream;

  useEffect(() => {
    // The last status stays after the end: it says what a command-only message did.
    chatStore.updateRun(conversationId, jobId, { phase, status: status ?? lastStatus, error });
  }, [conversationId, jobId, phase, status, lastStatus, error]);

  useEffect(() => {
    const ids = new Set([...run.messageIds, ...Object.keys(textByMessage)]);
    for (const id of ids) {
      // Untagged text can only belong to the single answer of a one-model reply.
      const streamed = textByMessage[id] ?? (run.messageIds.length === 1 ? text : '');
      chatStore.setAnswer(id, { text: streamed, phase, error });
    }
  }, [run.messageIds, textByMessage, text, phase, error]);

  useEffect(
    () => () => {
      for (const timer of timers.current) clearTimeout(timer);
    },
    [],
  );

  return null;
}
