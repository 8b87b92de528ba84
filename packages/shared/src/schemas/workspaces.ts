import { z } from 'zod';
import { DOMAINS, type Domain } from '../constants.js';

/**
 * Colours of workspaces and conversation flags: the original's set, named after the Bootstrap
 * palette it used. The web app maps each name to its own shade.
 */
export const COLORS = [
  'primary',
  'success',
  'danger',
  'warning',
  'info',
  'purple',
  'pink',
  'orange',
] as const;
export type Color = (typeof COLORS)[number];
export const colorSchema = z.enum(COLORS);

export const WORKSPACE_LIMITS = {
  nameMax: 100,
  systemPromptMax: 20_000,
  /** Ids per `workspaces.collapse` call. */
  collapseMax: 500,
} as const;

/** Name shown for the default workspace of every domain. */
export const DEFAULT_WORKSPACE_NAME = 'General';

/** A row id (workspace, conversation, message…). */
export const entityIdSchema = z.string().min(1, 'An id is required').max(64, 'That id is too long');

export const domainSchema = z.enum(DOMAINS);

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the workspace a name')
  .max(
    WORKSPACE_LIMITS.nameMax,
    `Workspace names are at most ${WORKSPACE_LIMITS.nameMax} characters`,
  );

export const workspaceSystemPromptSchema = z
  .string()
  .max(
    WORKSPACE_LIMITS.systemPromptMax,
    `The workspace system prompt is at most ${WORKSPACE_LIMITS.systemPromptMax} characters`,
  );

export const listWorkspacesInput = z.object({ domain: domainSchema });

export const createWorkspaceInput = z.object({
  domain: domainSchema,
  name: workspaceNameSchema,
  color: colorSchema.nullable().optional(),
  /** Nest inside this folder; absent or null = top level. */
  parentId: entityIdSchema.nullable().optional(),
});

export const updateWorkspaceInput = z
  .object({
    id: entityIdSchema,
    name: workspaceNameSchema.optional(),
    color: colorSchema.nullable().optional(),
    expanded: z.boolean().optional(),
    /** Move into this folder; null = top level; absent = unchanged. */
    parentId: entityIdSchema.nullable().optional(),
    /** Empty string or null clears it. */
    systemPrompt: workspaceSystemPromptSchema.nullable().optional(),
  })
  .refine(
    (v) =>
      v.name !== undefined ||
      v.color !== undefined ||
      v.expanded !== undefined ||
      v.parentId !== undefined ||
      v.systemPrompt !== undefined,
    { message: 'Nothing to change: give a name, color, expanded, parentId or systemPrompt.' },
  );

export const collapseWorkspacesInput = z.object({
  ids: z
    .array(entityIdSchema)
    .max(
      WORKSPACE_LIMITS.collapseMax,
      `At most ${WORKSPACE_LIMITS.collapseMax} workspaces at a time`,
    ),
});

export const workspaceIdInput = z.object({ id: entityIdSchema });

export const moveConversationInput = z.object({
  conversationId: entityIdSchema,
  workspaceId: entityIdSchema,
});

export interface Workspace {
  id: string;
  name: string;
  color: Color | null;
  domain: Domain;
  parentId: string | null;
  expanded: boolean;
  isDefault: boolean;
  /** Order among siblings (same parent), ascending. */
  position: number;
  /** The workspace's own conversations (not its sub-folders'), temporary chats excluded. */
  conversationCount: number;
  systemPrompt: string | null;
}

export interface CollapseWorkspacesResult {
  collapsed: number;
}

export interface DeleteWorkspaceResult {
  ok: true;
  /** Where its conversations went: the parent folder, or the domain's default workspace. */
  movedToWorkspaceId: string;
  movedConversations: number;
  movedFolders: number;
}

export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;
