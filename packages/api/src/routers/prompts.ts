import {
  createPromptInput,
  getPromptInput,
  promptNameInput,
  updatePromptInput,
} from '@margin/shared';
import {
  createPrompt,
  deletePrompt,
  getPrompt,
  listPrompts,
  promptVersions,
  updatePrompt,
} from '../services/prompts.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const promptsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listPrompts({ db: ctx.db, actor: ctx.user })),

  get: protectedProcedure
    .input(getPromptInput)
    .query(({ ctx, input }) => getPrompt({ db: ctx.db, actor: ctx.user, ...input })),

  create: protectedProcedure
    .input(createPromptInput)
    .mutation(({ ctx, input }) => createPrompt({ db: ctx.db, actor: ctx.user, input })),

  update: protectedProcedure
    .input(updatePromptInput)
    .mutation(({ ctx, input }) => updatePrompt({ db: ctx.db, actor: ctx.user, input })),

  delete: protectedProcedure
    .input(promptNameInput)
    .mutation(({ ctx, input }) => deletePrompt({ db: ctx.db, actor: ctx.user, ...input })),

  versions: protectedProcedure
    .input(promptNameInput)
    .query(({ ctx, input }) => promptVersions({ db: ctx.db, actor: ctx.user, ...input })),
});
