// Lets declaration emit name tRPC's subscription types (TrackedData) in the .d.ts files.
import type * as _trpcCore from '@trpc/server/unstable-core-do-not-import';
import { TRPCError, tracked, type TrackedEnvelope } from '@trpc/server';
import { activeJobsInput, followJobInput, jobIdInput, type JobEvent } from '@margin/shared';
import { requireConversation } from '../services/conversations/core.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const jobsRouter = createTRPCRouter({
  /**
   * Server-sent events of a job. Each event is tracked with its id, so a reconnecting client
   * (which sends `lastEventId`) gets exactly the events it missed; a finished job replays its
   * final event and ends.
   */
  follow: protectedProcedure.input(followJobInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<TrackedEnvelope<JobEvent>> {
    const after = input.lastEventId ? Number.parseInt(input.lastEventId, 10) : 0;
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'lastEventId must be a non-negative integer.',
      });
    }
    if (input.waitForStart) await ctx.services.jobs.waitForStart(input.jobId, 10_000, signal);
    for await (const envelope of ctx.services.jobs.follow(
      input.jobId,
      ctx.user.id,
      after,
      signal,
    )) {
      yield tracked(String(envelope.id), envelope.event);
    }
  }),
  get: protectedProcedure.input(jobIdInput).query(({ ctx, input }) => {
    const job = ctx.services.jobs.get(input.jobId, ctx.user.id);
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such job.' });
    return job;
  }),
  active: protectedProcedure.input(activeJobsInput).query(({ ctx, input }) => {
    if (input?.conversationId)
      requireConversation({ db: ctx.db, userId: ctx.user.id, id: input.conversationId });
    return ctx.services.jobs.active(ctx.user.id, input?.conversationId);
  }),
});
