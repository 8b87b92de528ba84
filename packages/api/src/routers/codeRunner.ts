import { TRPCError } from '@trpc/server';
import { runCodeInput, type CodeRunnerLanguage } from '@margin/shared';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { sharedCodeRunner } from '../services/code-runner/index.js';
import { consumeOrThrow } from '../services/rate-limit.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';
import type { AppConfig } from '../config.js';

/** Runs per user per minute: each can hold a CPU core for up to 30 s. */
const runs = new RateLimiterMemory({ keyPrefix: 'code-run', points: 30, duration: 60 });

function assertEnabled(config: AppConfig): void {
  if (!config.codeRunnerAvailable) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'The code runner is not available on this server (bubblewrap is not installed).',
    });
  }
}

export const codeRunnerRouter = createTRPCRouter({
  languages: protectedProcedure.query(async ({ ctx }): Promise<CodeRunnerLanguage[]> => {
    if (!ctx.services.config.codeRunnerAvailable) return [];
    return [...(await sharedCodeRunner()).setup.languages];
  }),
  run: protectedProcedure.input(runCodeInput).mutation(async ({ ctx, input, signal }) => {
    assertEnabled(ctx.services.config);
    await consumeOrThrow(runs, `u:${ctx.user.id}`, 'code runs');
    // The signal fires when the client disconnects: the sandbox is then killed, not left running.
    return (await sharedCodeRunner()).run(input, signal);
  }),
});
