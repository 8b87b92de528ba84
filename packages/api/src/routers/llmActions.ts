import { runLlmActionInput } from '@margin/shared';
import { runLlmAction } from '../services/llm-actions.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const llmActionsRouter = createTRPCRouter({
  run: protectedProcedure
    .input(runLlmActionInput)
    .mutation(({ ctx, input }) =>
      runLlmAction({ services: ctx.services, userId: ctx.user.id, input }),
    ),
});
