import { sql } from '@margin/db';
import type { Health, PublicConfig } from '@margin/shared';
import { conversationIdInput } from '@margin/shared';
import { clearLocks, lockStatus } from '../services/locks.js';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc.js';
import type { AppConfig } from '../config.js';

export function publicConfig(config: AppConfig): PublicConfig {
  const { llm } = config;
  const provider = llm.apiKey !== undefined || llm.baseUrl !== undefined;
  return {
    domains: [...config.domains],
    features: {
      llm: provider && llm.roles.chat !== undefined,
      embeddings: provider && llm.roles.embedding !== undefined,
      tts: provider && llm.roles.tts !== undefined,
      stt: provider && llm.roles.stt !== undefined,
      codeRunner: config.codeRunnerAvailable,
      urlUpload: config.urlUploadEnabled,
    },
    limits: {
      maxUploadBytes: config.documents.maxBytes,
      maxImportBytes: config.accountImportMaxBytes,
    },
  };
}

export const systemRouter = createTRPCRouter({
  health: publicProcedure.query(({ ctx }): Health => {
    ctx.db.get(sql`select 1`);
    return { ok: true, version: ctx.services.config.version, db: 'ok' };
  }),
  config: publicProcedure.query(({ ctx }) => publicConfig(ctx.services.config)),
  locks: createTRPCRouter({
    status: protectedProcedure
      .input(conversationIdInput)
      .query(({ ctx, input }) => lockStatus(ctx.services, ctx.user.id, input.conversationId)),
    clear: protectedProcedure
      .input(conversationIdInput)
      .mutation(({ ctx, input }) => clearLocks(ctx.services, ctx.user.id, input.conversationId)),
  }),
});
