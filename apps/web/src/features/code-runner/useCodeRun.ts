import type { CodeRunnerLanguage, RunCodeResult } from '@margin/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export type CodeRunState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; result: RunCodeResult }
  | { phase: 'cancelled' }
  | { phase: 'error'; message: string };

export interface CodeRun {
  state: CodeRunState;
  run: (language: CodeRunnerLanguage, code: string) => void;
  /** Aborts the request; the server kills the sandbox when the connection closes. */
  cancel: () => void;
  clear: () => void;
}

export function useCodeRun(): CodeRun {
  const utils = trpc.useUtils();
  const [state, setState] = useState<CodeRunState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  // Leaving the page (or unmounting the block) stops the run instead of letting it finish unseen.
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    (language: CodeRunnerLanguage, code: string) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setState({ phase: 'running' });
      utils.client.codeRunner.run
        .mutate({ language, code }, { signal: current.signal })
        .then((result) => {
          if (controller.current === current) setState({ phase: 'done', result });
        })
        .catch((error: unknown) => {
          if (controller.current !== current) return;
          setState(
            current.signal.aborted
              ? { phase: 'cancelled' }
              : { phase: 'error', message: getErrorMessage(error) },
          );
        });
    },
    [utils],
  );

  const cancel = useCallback(() => {
    const current = controller.current;
    if (!current) return;
    current.abort();
    setState({ phase: 'cancelled' });
  }, []);

  const clear = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: 'idle' });
  }, []);

  return { state, run, cancel, clear };
}

/** The languages this server can run (empty when the runner is off or the user is signed out). */
export function useRunnableLanguages(enabled: boolean): readonly string[] {
  const languages = trpc.codeRunner.languages.useQuery(undefined, {
    enabled,
    staleTime: Infinity,
    retry: false,
  });
  return languages.data ?? [];
}
