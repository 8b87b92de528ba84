import type { DoubtNode } from '@margin/shared';
import { useCallback, useState } from 'react';
import { toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { useJobStream, type JobPhase } from '../../lib/jobs';
import { trpc } from '../../lib/trpc';
import { hasStreaming } from './tree';

/** The answer being streamed right now, shown instead of the stored (older) text. */
export interface LiveDoubt {
  doubtId: string;
  text: string;
  phase: JobPhase;
  status: string | null;
  error: string | null;
}

const POLL_MS = 1500;

/**
 * A message's doubts: the tree, asking (streamed through the job), stopping and deleting.
 * A doubt left streaming by an earlier visit is followed by polling the list.
 */
export function useDoubts(conversationId: string, messageId: string) {
  const utils = trpc.useUtils();
  const input = { conversationId, messageId };
  const [active, setActive] = useState<{ doubtId: string; jobId: string } | null>(null);
  const list = trpc.doubts.list.useQuery(input, {
    refetchInterval: (query) =>
      active === null && hasStreaming(query.state.data ?? []) ? POLL_MS : false,
  });

  const refresh = useCallback(
    () => utils.doubts.list.invalidate({ conversationId, messageId }),
    [utils, conversationId, messageId],
  );

  const stream = useJobStream(active?.jobId ?? null, {
    onEnd: (end) => {
      if (end.phase === 'error') toast.error(`The answer failed: ${end.error ?? 'unknown error'}`);
      void refresh().finally(() => {
        setActive(null);
      });
    },
  });

  const askMutation = trpc.doubts.ask.useMutation();
  const deleteMutation = trpc.doubts.delete.useMutation();
  const cancel = trpc.cancellations.cancel.useMutation();

  const ask = useCallback(
    async (question: string, parentId?: string) => {
      const started = await askMutation.mutateAsync({
        conversationId,
        messageId,
        question: question.trim() || undefined,
        parentId,
      });
      setActive(started);
      await refresh();
      return started.doubtId;
    },
    [askMutation, conversationId, messageId, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      const { deletedIds } = await deleteMutation.mutateAsync({ id });
      await refresh();
      toast.success(
        deletedIds.length > 1 ? `${deletedIds.length} doubts deleted` : 'Doubt deleted',
      );
    },
    [deleteMutation, refresh],
  );

  const { stop: stopJob } = stream;
  const stop = useCallback(async () => {
    try {
      if (active) await stopJob();
      else await cancel.mutateAsync({ conversationId, kind: 'doubt' });
    } catch (error) {
      toast.error(getErrorMessage(error));
    }
  }, [active, stopJob, cancel, conversationId]);

  const nodes: DoubtNode[] = list.data ?? [];
  const live: LiveDoubt | null = active
    ? {
        doubtId: active.doubtId,
        text: stream.text,
        phase: stream.phase,
        status: stream.status,
        error: stream.error,
      }
    : null;
  const running = live !== null || hasStreaming(nodes);

  return { list, nodes, live, running, ask, asking: askMutation.isPending, remove, stop };
}

export type DoubtsState = ReturnType<typeof useDoubts>;
