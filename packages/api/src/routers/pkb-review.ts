/**
 * The memory review procedures, spread into `pkbRouter` (routers/pkb.ts): suggestions from a
 * chat answer or pasted notes (plans), applying them, the context a question would get, which
 * memories an answer used, and the memory settings.
 */
import {
  conversationIdInput,
  excludeFromConversationInput,
  executePlanInput,
  ingestTextInput,
  messageUsageInput,
  planIdInput,
  proposeUpdatesInput,
  relevantContextInput,
  updatePkbSettingsInput,
} from '@margin/shared';
import { relevantContext } from '../services/pkb/context-source.js';
import { dismissPlan, executePlan, getPlan, latestChatPlan } from '../services/pkb/plans.js';
import { proposeFromAnswer, proposeFromText } from '../services/pkb/proposals.js';
import { getPkbSettings, updatePkbSettings } from '../services/pkb/settings.js';
import { memoryUsesForMessage, setExcludedFromConversation } from '../services/pkb/usage.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const pkbReviewProcedures = {
  proposeUpdates: protectedProcedure
    .input(proposeUpdatesInput)
    .mutation(({ ctx, input }) =>
      proposeFromAnswer({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  executeUpdates: protectedProcedure
    .input(executePlanInput)
    .mutation(({ ctx, input }) =>
      executePlan({ services: ctx.services, userId: ctx.user.id, kind: 'chat', ...input }),
    ),
  ingestText: protectedProcedure
    .input(ingestTextInput)
    .mutation(({ ctx, input }) =>
      proposeFromText({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  executeIngest: protectedProcedure
    .input(executePlanInput)
    .mutation(({ ctx, input }) =>
      executePlan({ services: ctx.services, userId: ctx.user.id, kind: 'ingest', ...input }),
    ),
  relevantContext: protectedProcedure
    .input(relevantContextInput)
    .query(({ ctx, input }) =>
      relevantContext({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  plans: createTRPCRouter({
    /** The newest suggestion list of a conversation (the UI asks after each reply), or null. */
    latest: protectedProcedure
      .input(conversationIdInput)
      .query(({ ctx, input }) =>
        latestChatPlan({ db: ctx.db, userId: ctx.user.id, conversationId: input.conversationId }),
      ),
    get: protectedProcedure
      .input(planIdInput)
      .query(({ ctx, input }) => getPlan({ db: ctx.db, userId: ctx.user.id, ...input })),
    dismiss: protectedProcedure
      .input(planIdInput)
      .mutation(({ ctx, input }) => dismissPlan({ db: ctx.db, userId: ctx.user.id, ...input })),
  }),
  usage: createTRPCRouter({
    forMessage: protectedProcedure
      .input(messageUsageInput)
      .query(({ ctx, input }) =>
        memoryUsesForMessage({ db: ctx.db, userId: ctx.user.id, messageId: input.messageId }),
      ),
    /** "Don't use this memory in this conversation" (and back). */
    exclude: protectedProcedure
      .input(excludeFromConversationInput)
      .mutation(({ ctx, input }) =>
        setExcludedFromConversation({ db: ctx.db, userId: ctx.user.id, ...input }),
      ),
  }),
  settings: createTRPCRouter({
    get: protectedProcedure.query(({ ctx }) => getPkbSettings({ db: ctx.db, userId: ctx.user.id })),
    update: protectedProcedure
      .input(updatePkbSettingsInput)
      .mutation(({ ctx, input }) =>
        updatePkbSettings({ db: ctx.db, userId: ctx.user.id, changes: input }),
      ),
  }),
};
