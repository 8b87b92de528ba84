import { TRPCError } from '@trpc/server';
import { apiTokenQueries, sessionQueries, userQueries } from '@margin/db';
import {
  changePasswordInput,
  createTokenInput,
  idInput,
  loginInput,
  setupInput,
  type ApiTokenView,
} from '@margin/shared';
import {
  createApiToken,
  setUserPassword,
  setupFirstAdmin,
  startSession,
  toUser,
  verifyCredentials,
} from '../services/auth.js';
import { verifyPassword } from '../services/passwords.js';
import { assertNotBlocked, consumeOrThrow } from '../services/rate-limit.js';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc.js';

const tokensRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }): ApiTokenView[] =>
    apiTokenQueries.listApiTokens({ db: ctx.db, userId: ctx.user.id }).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
    })),
  ),
  create: protectedProcedure.input(createTokenInput).mutation(({ ctx, input }) =>
    createApiToken({
      db: ctx.db,
      userId: ctx.user.id,
      name: input.name,
      expiresInDays: input.expiresInDays,
    }),
  ),
  revoke: protectedProcedure.input(idInput).mutation(({ ctx, input }) => {
    const removed = apiTokenQueries.deleteApiToken({
      db: ctx.db,
      id: input.id,
      userId: ctx.user.id,
    });
    if (removed === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such API token.' });
    return { ok: true as const };
  }),
});

export const authRouter = createTRPCRouter({
  status: publicProcedure.query(({ ctx }) => ({
    setupRequired: userQueries.countUsers({ db: ctx.db }) === 0,
    user: ctx.user,
  })),

  setup: publicProcedure.input(setupInput).mutation(async ({ ctx, input }) => {
    await consumeOrThrow(ctx.services.limiters.loginPerIp, ctx.ip, 'attempts');
    const user = await setupFirstAdmin({
      db: ctx.db,
      ...input,
      scrypt: ctx.services.config.auth.scrypt,
    });
    const session = startSession({
      db: ctx.db,
      config: ctx.services.config.auth,
      userId: user.id,
      remember: true,
      userAgent: ctx.userAgent,
      ip: ctx.ip,
    });
    await ctx.cookie.set(session);
    ctx.services.logger.info({ userId: user.id }, 'first admin created');
    return toUser(user);
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { limiters } = ctx.services;
    await consumeOrThrow(limiters.loginPerIp, ctx.ip, 'sign-in attempts');
    await assertNotBlocked(limiters.loginFailuresPerEmail, input.email, 'failed sign-in attempts');
    let user;
    try {
      user = await verifyCredentials({
        db: ctx.db,
        email: input.email,
        password: input.password,
        scrypt: ctx.services.config.auth.scrypt,
      });
    } catch (err) {
      if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') {
        await limiters.loginFailuresPerEmail.consume(input.email).catch(() => undefined);
      }
      throw err;
    }
    await limiters.loginFailuresPerEmail.delete(input.email);
    const session = startSession({
      db: ctx.db,
      config: ctx.services.config.auth,
      userId: user.id,
      remember: input.remember ?? false,
      userAgent: ctx.userAgent,
      ip: ctx.ip,
    });
    userQueries.updateUser({ db: ctx.db, id: user.id, changes: { lastLoginAt: new Date() } });
    await ctx.cookie.set(session);
    return toUser(user);
  }),

  logout: protectedProcedure.mutation(({ ctx }) => {
    if (ctx.auth.method === 'cookie')
      sessionQueries.deleteSession({ db: ctx.db, id: ctx.auth.sessionId });
    ctx.cookie.clear();
    return { ok: true as const };
  }),

  logoutEverywhere: protectedProcedure.mutation(({ ctx }) => {
    const revoked = sessionQueries.deleteUserSessions({ db: ctx.db, userId: ctx.user.id });
    ctx.cookie.clear();
    return { revoked };
  }),

  me: protectedProcedure.query(({ ctx }) => ctx.user),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const row = userQueries.findUserById({ db: ctx.db, id: ctx.user.id });
    if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'Your current password is not correct.',
      });
    }
    // Other devices signed in with the old password are signed out; this one stays.
    await setUserPassword({
      db: ctx.db,
      userId: row.id,
      password: input.newPassword,
      scrypt: ctx.services.config.auth.scrypt,
      keepSessionId: ctx.auth.method === 'cookie' ? ctx.auth.sessionId : undefined,
    });
    return { ok: true as const };
  }),

  tokens: tokensRouter,
});
