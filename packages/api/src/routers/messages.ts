import {
  deleteLastTurnInput,
  editMessageInput,
  listMessagesInput,
  messageIdInput,
  moveMessagesInput,
  setMessageHiddenInput,
} from '@margin/shared';
import {
  deleteLastTurn,
  deleteMessage,
  editMessage,
  listMessages,
  messageVersions,
  moveMessages,
  setMessageHidden,
} from '../services/messages.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const messagesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listMessagesInput)
    .query(({ ctx, input }) => listMessages({ db: ctx.db, userId: ctx.user.id, ...input })),

  edit: protectedProcedure
    .input(editMessageInput)
    .mutation(({ ctx, input }) => editMessage({ db: ctx.db, userId: ctx.user.id, ...input })),

  versions: protectedProcedure
    .input(messageIdInput)
    .query(({ ctx, input }) => messageVersions({ db: ctx.db, userId: ctx.user.id, id: input.id })),

  delete: protectedProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => deleteMessage({ db: ctx.db, userId: ctx.user.id, id: input.id })),

  setHidden: protectedProcedure
    .input(setMessageHiddenInput)
    .mutation(({ ctx, input }) => setMessageHidden({ db: ctx.db, userId: ctx.user.id, ...input })),

  move: protectedProcedure
    .input(moveMessagesInput)
    .mutation(({ ctx, input }) => moveMessages({ db: ctx.db, userId: ctx.user.id, ...input })),

  deleteLastTurn: protectedProcedure
    .input(deleteLastTurnInput)
    .mutation(({ ctx, input }) =>
      deleteLastTurn({ db: ctx.db, userId: ctx.user.id, conversationId: input.conversationId }),
    ),
});
