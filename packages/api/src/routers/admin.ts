import { TRPCError } from '@trpc/server';
import { sessionQueries, userQueries, type UserRow } from '@margin/db';
import {
  adminCreateUserInput,
  adminResetPasswordInput,
  adminUpdateUserInput,
  type AdminUserView,
} from '@margin/shared';
import { createUser, setUserPassword, toUser } from '../services/auth.js';
import { adminProcedure, createTRPCRouter } from '../trpc.js';

function toAdminView(row: UserRow): AdminUserView {
  return { ...toUser(row), disabled: row.disabled, lastLoginAt: row.lastLoginAt };
}

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such user.' });

const usersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => userQueries.listUsers({ db: ctx.db }).map(toAdminView)),

  create: adminProcedure.input(adminCreateUserInput).mutation(async ({ ctx, input }) => {
    const row = await createUser({
      db: ctx.db,
      ...input,
      role: input.role ?? 'user',
      scrypt: ctx.services.config.auth.scrypt,
    });
    ctx.services.logger.info({ userId: row.id, by: ctx.user.id }, 'user created');
    return toAdminView(row);
  }),

  update: adminProcedure.input(adminUpdateUserInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(
      (tx) => {
        const target = userQueries.findUserById({ db: tx, id: input.id });
        if (!target) throw notFound();
        const self = target.id === ctx.user.id;
        if (self && input.disabled === true) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'You cannot disable your own account.',
          });
        }
        const losesAdmin =
          target.role === 'admin' &&
          !target.disabled &&
          (input.role === 'user' || input.disabled === true);
        if (losesAdmin && userQueries.countActiveAdmins({ db: tx }) <= 1) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'Margin needs at least one active administrator. Promote someone else first.',
          });
        }
        const updated = userQueries.updateUser({
          db: tx,
          id: input.id,
          changes: { name: input.name, role: input.role, disabled: input.disabled },
        });
        if (!updated) throw notFound();
        // A disabled account is signed out everywhere at once.
        if (input.disabled === true)
          sessionQueries.deleteUserSessions({ db: tx, userId: input.id });
        return toAdminView(updated);
      },
      { behavior: 'immediate' },
    ),
  ),

  resetPassword: adminProcedure.input(adminResetPasswordInput).mutation(async ({ ctx, input }) => {
    if (!userQueries.findUserById({ db: ctx.db, id: input.id })) throw notFound();
    await setUserPassword({
      db: ctx.db,
      userId: input.id,
      password: input.password,
      scrypt: ctx.services.config.auth.scrypt,
    });
    return { ok: true as const };
  }),
});

export const adminRouter = createTRPCRouter({ users: usersRouter });
