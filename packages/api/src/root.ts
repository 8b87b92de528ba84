// Lets declaration emit name tRPC's subscription types (TrackedData) in the .d.ts files.
import type * as _trpcCore from '@trpc/server/unstable-core-do-not-import';
import { accountRouter } from './routers/account.js';
import { adminRouter } from './routers/admin.js';
import { audioRouter } from './routers/audio.js';
import { authRouter } from './routers/auth.js';
import { cancellationsRouter } from './routers/cancellations.js';
import { chatRouter } from './routers/chat.js';
import { codeRunnerRouter } from './routers/codeRunner.js';
import { conversationsRouter } from './routers/conversations.js';
import { documentsRouter } from './routers/documents.js';
import { doubtsRouter } from './routers/doubts.js';
import { llmActionsRouter } from './routers/llmActions.js';
import { jobsRouter } from './routers/jobs.js';
import { messagesRouter } from './routers/messages.js';
import { pkbRouter } from './routers/pkb.js';
import { promptsRouter } from './routers/prompts.js';
import { sectionsRouter } from './routers/sections.js';
import { systemRouter } from './routers/system.js';
import { usersRouter } from './routers/users.js';
import { workspacesRouter } from './routers/workspaces.js';
import { createCallerFactory, createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
  system: systemRouter,
  workspaces: workspacesRouter,
  conversations: conversationsRouter,
  messages: messagesRouter,
  sections: sectionsRouter,
  users: usersRouter,
  prompts: promptsRouter,
  chat: chatRouter,
  jobs: jobsRouter,
  cancellations: cancellationsRouter,
  doubts: doubtsRouter,
  documents: documentsRouter,
  llmActions: llmActionsRouter,
  audio: audioRouter,
  codeRunner: codeRunnerRouter,
  pkb: pkbRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, CLI): `createCaller(createTRPCContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
