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
import { sweepOrphanAudioFiles } from '../services/audio/storage.js';
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

  delete: protectedProcedure.input(messageIdInput).mutation(({ ctx, input }) => {
    const result = deleteMessage({ db: ctx.db, userId: ctx.user.id, id: input.id });
    // The message's audio clips cascaded away; remove their files.
    sweepOrphanAudioFiles({ db: ctx.db, filesDir: ctx.services.config.documents.filesDir });
    return result;
  }),

  setHidden: protectedProcedure
    .input(setMessageHiddenInput)
    .mutation(({ ctx, input }) => setMessageHidden({ db: ctx.db, userId: ctx.user.id, ...input })),

  move: protectedProcedure
    .input(moveMessagesInput)
    .mutation(({ ctx, input }) => moveMessages({ db: ctx.db, userId: ctx.user.id, ...input })),

  deleteLastTurn: protectedProcedure.input(deleteLastTurnInput).mutation(({ ctx, input }) => {
    const result = deleteLastTurn({
      db: ctx.db,
      userId: ctx.user.id,
      conversationId: input.conversationId,
    });
    if (result.deletedIds.length > 0)
      sweepOrphanAudioFiles({ db: ctx.db, filesDir: ctx.services.config.documents.filesDir });
    return result;
  }),
});
