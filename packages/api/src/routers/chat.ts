import { chatSendInput, codingHelpInput, type ChatModel } from '@margin/shared';
import { startCodingHelp } from '../services/chat/coding.js';
import { sendMessage } from '../services/chat/send.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const chatRouter = createTRPCRouter({
  models: protectedProcedure.query(({ ctx }): ChatModel[] =>
    ctx.services.llm
      .models()
      .map((m) => ({ id: m.id, label: m.label, vision: m.vision, isDefault: m.isDefault })),
  ),
  send: protectedProcedure
    .input(chatSendInput)
    .mutation(({ ctx, input }) =>
      sendMessage({ services: ctx.services, userId: ctx.user.id, input }),
    ),
  codingHint: protectedProcedure.input(codingHelpInput).mutation(({ ctx, input }) =>
    startCodingHelp({
      services: ctx.services,
      userId: ctx.user.id,
      kind: 'coding_hint',
      ...input,
    }),
  ),
  fullSolution: protectedProcedure.input(codingHelpInput).mutation(({ ctx, input }) =>
    startCodingHelp({
      services: ctx.services,
      userId: ctx.user.id,
      kind: 'coding_solution',
      ...input,
    }),
  ),
});
