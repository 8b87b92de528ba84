/**
 * tRPC setup, in three parts: context (who is calling, with which services), initialisation
 * (transformer, error shape), and the procedures routers are built from.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { Db, DbHandle } from '@margin/db';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { AppConfig } from './config.js';
import type { NewSession, RequestAuth } from './services/auth.js';
import type { JobRegistry } from './services/jobs/registry.js';
import type { LlmService } from './services/llm/client.js';
import type { ContextSources } from './services/chat/context-sources.js';
import type { Logger } from './services/logger.js';
import { consumeOrThrow, type RateLimiters } from './services/rate-limit.js';

// 1. CONTEXT

/** Long-lived services shared by every request, built once at start-up. */
export interface AppServices {
  dbHandle: DbHandle;
  db: Db;
  config: AppConfig;
  limiters: RateLimiters;
  logger: Logger;
  jobs: JobRegistry;
  llm: LlmService;
  /** Documents and memories for prompts; replaced when those features are installed. */
  contextSources: ContextSources;
}

/** How a procedure sets or clears the session cookie; the HTTP layer seals and writes it. */
export interface SessionCookie {
  set(session: NewSession): Promise<void>;
  clear(): void;
}

export interface CreateContextOptions {
  services: AppServices;
  auth: RequestAuth;
  cookie: SessionCookie;
  ip: string;
  userAgent: string | undefined;
  /**
   * False when the request carries browser credentials but its Origin is not ours. Cookie-
   * authenticated mutations are then refused (CSRF); bearer-token requests are not affected.
   */
  sameOrigin: boolean;
}

export function createTRPCContext(opts: CreateContextOptions) {
  return { ...opts, db: opts.services.db, user: opts.auth.user };
}

export type Context = ReturnType<typeof createTRPCContext>;

// 2. INITIALISATION

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      // Internal details stay in the server log; the client gets an actionable sentence.
      message: internal
        ? 'Something went wrong on the server. Try again in a moment.'
        : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

// 3. PROCEDURES

const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.auth.method !== 'token' && !ctx.sameOrigin) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message:
        'Cross-site request refused. Use Margin from its own address, or a personal API token.',
    });
  }
  return next();
});

/** Spends one point of `limiter` per call, keyed by user, else by IP. */
export function rateLimit(pick: (limiters: RateLimiters) => RateLimiters[keyof RateLimiters]) {
  return t.middleware(async ({ ctx, next }) => {
    const key = ctx.user ? `u:${ctx.user.id}` : `ip:${ctx.ip}`;
    await consumeOrThrow(pick(ctx.services.limiters), key);
    return next();
  });
}

export const publicProcedure = t.procedure.use(csrfGuard);

export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
    }
    // Narrow: downstream procedures see a non-null user and auth.
    return next({
      ctx: { ...ctx, user: ctx.user, auth: ctx.auth as Exclude<RequestAuth, { method: null }> },
    });
  })
  .use(rateLimit((l) => l.requests));

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators can do this.' });
  }
  return next();
});
