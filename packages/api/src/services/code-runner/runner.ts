/** The process-wide runner: detected once, a couple of runs at a time, a short queue. */
import { TRPCError } from '@trpc/server';
import { CODE_RUNNER_LIMITS, type RunCodeInput, type RunCodeResult } from '@margin/shared';
import { detectCodeRunner, type CodeRunnerSetup } from './detect.js';
import { runInSandbox } from './run.js';

export interface CodeRunnerOptions {
  /** Runs at once; each may use a CPU core for up to 30 s. */
  concurrency: number;
  /** Runs allowed to wait for a slot before callers get TOO_MANY_REQUESTS. */
  queueMax: number;
}

export interface CodeRunner {
  readonly setup: CodeRunnerSetup;
  run(input: RunCodeInput, signal?: AbortSignal): Promise<RunCodeResult>;
}

export function createCodeRunner(
  setup: CodeRunnerSetup,
  options: CodeRunnerOptions = { concurrency: 2, queueMax: 8 },
): CodeRunner {
  let active = 0;
  const waiting: (() => void)[] = [];

  const acquire = async (signal: AbortSignal | undefined): Promise<void> => {
    if (active < options.concurrency) {
      active++;
      return;
    }
    if (waiting.length >= options.queueMax) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: 'The code runner is busy. Try again in a few seconds.',
      });
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The run was cancelled.' }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(grant);
    });
    // The slot was handed over by release() without decrementing `active`.
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    setup,
    async run(input, signal) {
      const command = setup.commands[input.language];
      if (!setup.available || command === undefined) {
        throw new TRPCError({
          code: 'PRECONDITION_FAILED',
          message: `Running ${input.language} code is not available on this server.`,
        });
      }
      if (signal?.aborted)
        throw new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The run was cancelled.' });
      await acquire(signal);
      try {
        return await runInSandbox({
          command,
          code: input.code,
          timeoutMs: input.timeoutMs ?? CODE_RUNNER_LIMITS.timeoutDefaultMs,
          outputMaxBytes: CODE_RUNNER_LIMITS.outputMaxBytes,
          signal,
          dropTo: setup.dropTo,
        });
      } finally {
        release();
      }
    },
  };
}

let shared: Promise<CodeRunner> | undefined;

/** The one runner of this process; detection runs on first use (start-up calls it early). */
export function sharedCodeRunner(): Promise<CodeRunner> {
  shared ??= detectCodeRunner().then((setup) => createCodeRunner(setup));
  return shared;
}
