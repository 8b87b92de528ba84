/**
 * Following a server job (reply, doubt, quick action, coding help) from the browser. The SSE link
 * resumes after the last event id by itself when the connection drops, so a reconnect never
 * duplicates or loses text. Deltas are kept per message id (several models answer in parallel).
 */
import type { JobEvent } from '@margin/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { trpc } from './trpc';

export type JobPhase = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface JobStreamState {
  phase: JobPhase;
  /** Latest status line from the server ("Thinking…"); cleared when the job ends. */
  status: string | null;
  /** The last status line seen, kept after the end (says what a command-only job did). */
  lastStatus: string | null;
  /** Text of untagged deltas (single-answer jobs). */
  text: string;
  /** Text per message id (replies: one per model). */
  textByMessage: Record<string, string>;
  progress: { done: number; total: number } | null;
  error: string | null;
  /** Message ids the job reported when it finished. */
  messageIds: string[];
}

const initial: JobStreamState = {
  phase: 'idle',
  status: null,
  lastStatus: null,
  text: '',
  textByMessage: {},
  progress: null,
  error: null,
  messageIds: [],
};

/** Pure reducer, exported for tests: folds one job event into the state. */
export function applyJobEvent(state: JobStreamState, event: JobEvent): JobStreamState {
  switch (event.type) {
    case 'status':
      return { ...state, phase: 'running', status: event.text, lastStatus: event.text };
    case 'delta':
      if (event.messageId) {
        const before = state.textByMessage[event.messageId] ?? '';
        return {
          ...state,
          phase: 'running',
          textByMessage: { ...state.textByMessage, [event.messageId]: before + event.text },
        };
      }
      return { ...state, phase: 'running', text: state.text + event.text };
    case 'progress':
      return { ...state, phase: 'running', progress: { done: event.done, total: event.total } };
    case 'done':
      return { ...state, phase: 'done', status: null, messageIds: event.messageIds ?? [] };
    case 'error':
      return { ...state, phase: 'error', status: null, error: event.message };
    case 'cancelled':
      return { ...state, phase: 'cancelled', status: null };
  }
}

export interface UseJobStreamOptions {
  /** Called once when the job ends (done, error or cancelled). */
  onEnd?: (state: JobStreamState) => void;
}

/**
 * Follows `jobId` (null = nothing to follow). Returns the accumulated state and `stop()`, which
 * asks the server to cancel the job (the job then ends with `cancelled`).
 */
export function useJobStream(
  jobId: string | null,
  options: UseJobStreamOptions = {},
): JobStreamState & { stop: () => Promise<void> } {
  const [state, setState] = useState<JobStreamState>(initial);
  const onEnd = useRef(options.onEnd);
  onEnd.current = options.onEnd;
  const ended = useRef(false);
  const cancel = trpc.cancellations.cancel.useMutation();

  useEffect(() => {
    ended.current = false;
    setState(jobId ? { ...initial, phase: 'running' } : initial);
  }, [jobId]);

  trpc.jobs.follow.useSubscription(jobId ? { jobId } : { jobId: '' }, {
    enabled: jobId !== null,
    onData: (envelope) => {
      setState((prev) => {
        const next = applyJobEvent(prev, envelope.data);
        if (
          !ended.current &&
          (next.phase === 'done' || next.phase === 'error' || next.phase === 'cancelled')
        ) {
          ended.current = true;
          queueMicrotask(() => onEnd.current?.(next));
        }
        return next;
      });
    },
    onError: (err) => {
      setState((prev) => ({ ...prev, phase: 'error', error: err.message }));
    },
  });

  const stop = useCallback(async () => {
    if (!jobId) return;
    await cancel.mutateAsync({ jobId });
  }, [cancel, jobId]);

  return { ...state, stop };
}
