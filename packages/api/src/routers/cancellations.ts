import { TRPCError } from '@trpc/server';
import { jobQueries } from '@margin/db';
import { cancelInput } from '@margin/shared';
import { requireConversation } from '../services/conversations/core.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

const FINISHED_JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export const cancellationsRouter = createTRPCRouter({
  /**
   * Stops one job, or every running job of a conversation (optionally of one kind). Stopping a
   * job that already ended is a no-op that reports `cancelled: 0`, never a broken state.
   */
  cancel: protectedProcedure.input(cancelInput).mutation(({ ctx, input }) => {
    if ('jobId' in input) {
      if (!ctx.services.jobs.get(input.jobId, ctx.user.id)) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No such job.' });
      }
      return { cancelled: ctx.services.jobs.cancel(input.jobId, ctx.user.id) ? 1 : 0 };
    }
    requireConversation({ db: ctx.db, userId: ctx.user.id, id: input.conversationId });
    return {
      cancelled: ctx.services.jobs.cancelConversation(
        ctx.user.id,
        input.conversationId,
        input.kind,
      ),
    };
  }),
  /** Forgets the caller's finished jobs older than a week. */
  cleanup: protectedProcedure.mutation(({ ctx }) => ({
    removed: jobQueries.deleteFinishedJobs({
      db: ctx.db,
      userId: ctx.user.id,
      before: new Date(Date.now() - FINISHED_JOB_RETENTION_MS),
    }),
  })),
});
