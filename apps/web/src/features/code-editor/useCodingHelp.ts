import { useCallback, useState } from 'react';
import { getErrorMessage } from '../../lib/errors';
import { useJobStream, type JobPhase } from '../../lib/jobs';
import { trpc } from '../../lib/trpc';

export type CodingHelpKind = 'hint' | 'solution';

export interface CodingHelpResult {
  phase: JobPhase;
  text: string;
  status: string | null;
  error: string | null;
}

const IDLE: CodingHelpResult = { phase: 'idle', text: '', status: null, error: null };

/**
 * A coding hint or full solution for the editor's code: one streamed job at a time per kind.
 * The finished text stays on screen until the next request.
 */
export function useCodingHelp(conversationId: string, kind: CodingHelpKind) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<CodingHelpResult>(IDLE);
  const hint = trpc.chat.codingHint.useMutation();
  const solution = trpc.chat.fullSolution.useMutation();
  const mutation = kind === 'hint' ? hint : solution;

  const stream = useJobStream(jobId, {
    onEnd: (end) => {
      setResult({ phase: end.phase, text: end.text, status: null, error: end.error });
      setJobId(null);
    },
  });

  const start = useCallback(
    async (code: string, context: string) => {
      setResult({ ...IDLE, phase: 'running' });
      try {
        const started = await mutation.mutateAsync({
          conversationId,
          code: code.trim() ? code : undefined,
          context: context.trim() ? context : undefined,
        });
        setJobId(started.jobId);
      } catch (error) {
        setResult({ ...IDLE, phase: 'error', error: getErrorMessage(error) });
      }
    },
    [mutation, conversationId],
  );

  const shown: CodingHelpResult =
    jobId !== null
      ? { phase: 'running', text: stream.text, status: stream.status, error: null }
      : result;
  return { result: shown, start, stop: stream.stop, running: shown.phase === 'running' };
}

export type CodingHelp = ReturnType<typeof useCodingHelp>;
