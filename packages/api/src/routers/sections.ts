import { getSectionsInput, updateSectionsInput } from '@margin/shared';
import { getSectionStates, updateSectionStates } from '../services/sections.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const sectionsRouter = createTRPCRouter({
  get: protectedProcedure
    .input(getSectionsInput)
    .query(({ ctx, input }) => getSectionStates({ db: ctx.db, userId: ctx.user.id, ...input })),

  update: protectedProcedure
    .input(updateSectionsInput)
    .mutation(({ ctx, input }) =>
      updateSectionStates({ db: ctx.db, userId: ctx.user.id, ...input }),
    ),
});
