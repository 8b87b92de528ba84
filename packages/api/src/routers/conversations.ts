import {
  conversationByIdInput,
  createConversationInput,
  exportConversationInput,
  listConversationsInput,
  renameConversationInput,
  searchConversationsInput,
  setConversationFlagInput,
  setConversationStatelessInput,
  setMemoryPadInput,
  sharedConversationInput,
} from '@margin/shared';
import { cloneConversation } from '../services/conversations/clone.js';
import {
  createConversation,
  deleteConversation,
  getConversation,
  getMemoryPad,
  getSuggestions,
  renameConversation,
  setConversationFlag,
  setConversationStateless,
  setMemoryPad,
} from '../services/conversations/core.js';
import { conversationHistory, exportConversation } from '../services/conversations/export.js';
import { listConversations } from '../services/conversations/list.js';
import { searchConversations } from '../services/conversations/search.js';
import {
  getSharedConversation,
  shareConversation,
  unshareConversation,
} from '../services/conversations/sharing.js';
import { createTRPCRouter, protectedProcedure, publicProcedure, rateLimit } from '../trpc.js';

export const conversationsRouter = createTRPCRouter({
  list: protectedProcedure.input(listConversationsInput).query(({ ctx, input }) =>
    listConversations({
      db: ctx.db,
      userId: ctx.user.id,
      filesDir: ctx.services.config.documents.filesDir,
      input,
    }),
  ),

  create: protectedProcedure
    .input(createConversationInput)
    .mutation(({ ctx, input }) => createConversation({ db: ctx.db, userId: ctx.user.id, input })),

  get: protectedProcedure
    .input(conversationByIdInput)
    .query(({ ctx, input }) => getConversation({ db: ctx.db, userId: ctx.user.id, id: input.id })),

  rename: protectedProcedure
    .input(renameConversationInput)
    .mutation(({ ctx, input }) =>
      renameConversation({ db: ctx.db, userId: ctx.user.id, id: input.id, title: input.title }),
    ),

  setFlag: protectedProcedure
    .input(setConversationFlagInput)
    .mutation(({ ctx, input }) =>
      setConversationFlag({ db: ctx.db, userId: ctx.user.id, id: input.id, flag: input.flag }),
    ),

  setStateless: protectedProcedure.input(setConversationStatelessInput).mutation(({ ctx, input }) =>
    setConversationStateless({
      db: ctx.db,
      userId: ctx.user.id,
      id: input.id,
      stateless: input.stateless,
    }),
  ),

  clone: protectedProcedure.input(conversationByIdInput).mutation(({ ctx, input }) =>
    cloneConversation({
      db: ctx.db,
      userId: ctx.user.id,
      id: input.id,
      filesDir: ctx.services.config.documents.filesDir,
    }),
  ),

  delete: protectedProcedure.input(conversationByIdInput).mutation(({ ctx, input }) =>
    deleteConversation({
      db: ctx.db,
      userId: ctx.user.id,
      id: input.id,
      filesDir: ctx.services.config.documents.filesDir,
    }),
  ),

  getMemoryPad: protectedProcedure
    .input(conversationByIdInput)
    .query(({ ctx, input }) => getMemoryPad({ db: ctx.db, userId: ctx.user.id, id: input.id })),

  setMemoryPad: protectedProcedure
    .input(setMemoryPadInput)
    .mutation(({ ctx, input }) =>
      setMemoryPad({ db: ctx.db, userId: ctx.user.id, id: input.id, text: input.text }),
    ),

  getHistory: protectedProcedure
    .input(conversationByIdInput)
    .query(({ ctx, input }) =>
      conversationHistory({ db: ctx.db, userId: ctx.user.id, id: input.id }),
    ),

  suggestions: protectedProcedure
    .input(conversationByIdInput)
    .query(({ ctx, input }) => getSuggestions({ db: ctx.db, userId: ctx.user.id, id: input.id })),

  share: protectedProcedure
    .input(conversationByIdInput)
    .mutation(({ ctx, input }) =>
      shareConversation({ db: ctx.db, userId: ctx.user.id, id: input.id }),
    ),

  unshare: protectedProcedure
    .input(conversationByIdInput)
    .mutation(({ ctx, input }) =>
      unshareConversation({ db: ctx.db, userId: ctx.user.id, id: input.id }),
    ),

  /** Public: anyone with the link reads it; rate limited per IP like other anonymous calls. */
  getShared: publicProcedure
    .use(rateLimit((l) => l.requests))
    .input(sharedConversationInput)
    .query(({ ctx, input }) => getSharedConversation({ db: ctx.db, token: input.token })),

  export: protectedProcedure
    .input(exportConversationInput)
    .query(({ ctx, input }) =>
      exportConversation({ db: ctx.db, userId: ctx.user.id, id: input.id, format: input.format }),
    ),

  search: protectedProcedure
    .input(searchConversationsInput)
    .query(({ ctx, input }) => searchConversations({ db: ctx.db, userId: ctx.user.id, input })),
});
