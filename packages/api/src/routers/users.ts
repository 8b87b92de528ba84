import { updateProfileInput } from '@margin/shared';
import { getProfile, updateProfile } from '../services/profiles.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const usersRouter = createTRPCRouter({
  getProfile: protectedProcedure.query(({ ctx }) =>
    getProfile({ db: ctx.db, userId: ctx.user.id }),
  ),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile({ db: ctx.db, userId: ctx.user.id, ...input })),
});
