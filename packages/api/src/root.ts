import { adminRouter } from './routers/admin.js';
import { authRouter } from './routers/auth.js';
import { systemRouter } from './routers/system.js';
import { createCallerFactory, createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, CLI): `createCaller(createTRPCContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
