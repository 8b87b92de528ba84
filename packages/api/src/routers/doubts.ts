import { askDoubtInput, doubtIdInput, listDoubtsInput, saveDoubtInput } from '@margin/shared';
import { askDoubt, deleteDoubt, getDoubt, listDoubtTree, saveDoubt } from '../services/doubts.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const doubtsRouter = createTRPCRouter({
  ask: protectedProcedure
    .input(askDoubtInput)
    .mutation(({ ctx, input }) =>
      askDoubt({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  save: protectedProcedure
    .input(saveDoubtInput)
    .mutation(({ ctx, input }) => saveDoubt({ db: ctx.db, userId: ctx.user.id, ...input })),
  list: protectedProcedure
    .input(listDoubtsInput)
    .query(({ ctx, input }) => listDoubtTree({ db: ctx.db, userId: ctx.user.id, ...input })),
  get: protectedProcedure
    .input(doubtIdInput)
    .query(({ ctx, input }) => getDoubt({ db: ctx.db, userId: ctx.user.id, id: input.id })),
  delete: protectedProcedure
    .input(doubtIdInput)
    .mutation(({ ctx, input }) => deleteDoubt({ db: ctx.db, userId: ctx.user.id, id: input.id })),
});
