import {
  collapseWorkspacesInput,
  createWorkspaceInput,
  listWorkspacesInput,
  moveConversationInput,
  updateWorkspaceInput,
  workspaceIdInput,
} from '@margin/shared';
import {
  collapseWorkspaces,
  createWorkspace,
  deleteWorkspace,
  listWorkspaces,
  moveConversation,
  updateWorkspace,
} from '../services/workspaces.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';

export const workspacesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listWorkspacesInput)
    .query(({ ctx, input }) =>
      listWorkspaces({ db: ctx.db, userId: ctx.user.id, domain: input.domain }),
    ),

  create: protectedProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace({ db: ctx.db, userId: ctx.user.id, input })),

  update: protectedProcedure
    .input(updateWorkspaceInput)
    .mutation(({ ctx, input }) => updateWorkspace({ db: ctx.db, userId: ctx.user.id, input })),

  collapse: protectedProcedure
    .input(collapseWorkspacesInput)
    .mutation(({ ctx, input }) =>
      collapseWorkspaces({ db: ctx.db, userId: ctx.user.id, ids: input.ids }),
    ),

  delete: protectedProcedure
    .input(workspaceIdInput)
    .mutation(({ ctx, input }) =>
      deleteWorkspace({ db: ctx.db, userId: ctx.user.id, id: input.id }),
    ),

  moveConversation: protectedProcedure.input(moveConversationInput).mutation(({ ctx, input }) =>
    moveConversation({
      db: ctx.db,
      userId: ctx.user.id,
      conversationId: input.conversationId,
      workspaceId: input.workspaceId,
    }),
  ),
});
