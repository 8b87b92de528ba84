import { useEffect } from 'react';
import { trpc } from '../../lib/trpc';
import { chatStore } from './store';

/**
 * When a conversation opens while its reply is still being written (a reload, another tab),
 * follow that job: its replay from the first event rebuilds the whole text.
 */
export function useResumeReply(conversationId: string) {
  const active = trpc.jobs.active.useQuery(
    { conversationId },
    { staleTime: 0, refetchOnMount: 'always', gcTime: 0 },
  );
  const fresh = active.isFetchedAfterMount;
  const jobs = active.data;
  useEffect(() => {
    if (!fresh || chatStore.run(conversationId)) return;
    const job = jobs?.find((j) => j.kind === 'reply' && j.status === 'running');
    if (!job) return;
    chatStore.setRun(conversationId, {
      jobId: job.id,
      conversationId,
      messageIds: job.messageIds,
      phase: 'running',
      status: null,
      error: null,
      persisted: true,
      commandOnly: false,
    });
  }, [fresh, jobs, conversationId]);
}
