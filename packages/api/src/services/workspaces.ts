/**
 * Workspaces: per-user, per-domain folders of conversations, nestable through parentId. Every
 * function takes the caller's id and treats another user's workspace exactly like a missing one.
 */
import { TRPCError } from '@trpc/server';
import {
  conversationQueries,
  workspaceQueries,
  type Db,
  type Executor,
  type WorkspaceRow,
} from '@margin/db';
import {
  DEFAULT_WORKSPACE_NAME,
  type ConversationSummary,
  type CreateWorkspaceInput,
  type DeleteWorkspaceResult,
  type Domain,
  type UpdateWorkspaceInput,
  type Workspace,
} from '@margin/shared';
import {
  asColor,
  asDomain,
  conversationNotFound,
  toConversationSummary,
} from './conversations/views.js';

export function toWorkspace(row: workspaceQueries.WorkspaceWithCount): Workspace {
  return {
    id: row.id,
    name: row.name,
    color: asColor(row.color),
    domain: asDomain(row.domain),
    parentId: row.parentId,
    expanded: row.expanded,
    isDefault: row.isDefault,
    position: row.position,
    conversationCount: row.conversationCount,
    systemPrompt: row.systemPrompt,
  };
}

export const workspaceNotFound = () =>
  new TRPCError({
    code: 'NOT_FOUND',
    message: 'Workspace not found. It may have been deleted; reload the sidebar.',
  });

/** The caller's workspace, or NOT_FOUND (also for another user's workspace). */
export function requireWorkspace({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): WorkspaceRow {
  const row = workspaceQueries.findWorkspace({ db, id, userId });
  if (!row) throw workspaceNotFound();
  return row;
}

/** The domain's default ("General") workspace, created on first use. */
export function ensureDefaultWorkspace({
  db,
  userId,
  domain,
}: {
  db: Executor;
  userId: string;
  domain: Domain;
}): WorkspaceRow {
  const existing = workspaceQueries.findDefaultWorkspace({ db, userId, domain });
  if (existing) return existing;
  workspaceQueries.insertDefaultWorkspaceIfMissing({
    db,
    userId,
    domain,
    name: DEFAULT_WORKSPACE_NAME,
    position: 0,
  });
  const created = workspaceQueries.findDefaultWorkspace({ db, userId, domain });
  if (!created) throw new Error('The default workspace could not be created');
  return created;
}

export function listWorkspaces({
  db,
  userId,
  domain,
}: {
  db: Db;
  userId: string;
  domain: Domain;
}): Workspace[] {
  ensureDefaultWorkspace({ db, userId, domain });
  return treeOrder(workspaceQueries.listWorkspacesWithCounts({ db, userId, domain })).map(
    toWorkspace,
  );
}

/**
 * Depth-first order: each folder is followed by its sub-folders; siblings keep the query's order
 * (position). A folder whose parent is not in the list is shown at the top level.
 */
function treeOrder<T extends { id: string; parentId: string | null }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const key = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const out: T[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null) => {
    for (const row of children.get(parent) ?? []) {
      if (visited.has(row.id)) continue;
      visited.add(row.id);
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  // Rows only reachable through a cycle (never written by this API) still appear, at the end.
  return out.length === rows.length ? out : [...out, ...rows.filter((r) => !visited.has(r.id))];
}

/** Checks that `parentId` may hold a folder of `domain`: the caller's, same domain. */
function requireParent({
  db,
  userId,
  parentId,
  domain,
}: {
  db: Executor;
  userId: string;
  parentId: string;
  domain: string;
}): WorkspaceRow {
  const parent = workspaceQueries.findWorkspace({ db, id: parentId, userId });
  if (!parent) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'Parent workspace not found. It may have been deleted; reload the sidebar.',
    });
  }
  if (parent.domain !== domain) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A workspace can only be nested inside a workspace of the same tab (domain).',
    });
  }
  return parent;
}

/** Refuses to put `workspaceId` under `parentId` when that parent is the workspace or inside it. */
function assertNoCycle({
  db,
  userId,
  workspaceId,
  parentId,
}: {
  db: Executor;
  userId: string;
  workspaceId: string;
  parentId: string;
}): void {
  const seen = new Set<string>();
  let current: string | null = parentId;
  while (current !== null && !seen.has(current)) {
    if (current === workspaceId) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'A workspace cannot be moved into itself or into one of its own sub-folders.',
      });
    }
    seen.add(current);
    current = workspaceQueries.findWorkspace({ db, id: current, userId })?.parentId ?? null;
  }
}

function withCount(db: Executor, row: WorkspaceRow): Workspace {
  return toWorkspace({
    ...row,
    conversationCount: workspaceQueries.countWorkspaceConversations({ db, workspaceId: row.id }),
  });
}

export function createWorkspace({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: CreateWorkspaceInput;
}): Workspace {
  return db.transaction(
    (tx) => {
      // The default comes first, so "General" keeps the first position among top-level folders.
      ensureDefaultWorkspace({ db: tx, userId, domain: input.domain });
      const parentId = input.parentId ?? null;
      if (parentId !== null) requireParent({ db: tx, userId, parentId, domain: input.domain });
      const row = workspaceQueries.insertWorkspace({
        db: tx,
        workspace: {
          userId,
          domain: input.domain,
          name: input.name,
          color: input.color ?? null,
          parentId,
          expanded: true,
          isDefault: false,
          position: workspaceQueries.nextSiblingPosition({
            db: tx,
            userId,
            domain: input.domain,
            parentId,
          }),
        },
      });
      return toWorkspace({ ...row, conversationCount: 0 });
    },
    { behavior: 'immediate' },
  );
}

export function updateWorkspace({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: UpdateWorkspaceInput;
}): Workspace {
  return db.transaction(
    (tx) => {
      const ws = requireWorkspace({ db: tx, userId, id: input.id });
      const changes: Parameters<typeof workspaceQueries.updateWorkspace>[0]['changes'] = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.color !== undefined) changes.color = input.color;
      if (input.expanded !== undefined) changes.expanded = input.expanded;
      if (input.systemPrompt !== undefined)
        changes.systemPrompt = input.systemPrompt === '' ? null : input.systemPrompt;
      if (input.parentId !== undefined && input.parentId !== ws.parentId) {
        const parentId = input.parentId;
        if (ws.isDefault) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'The General workspace stays at the top level; it cannot be nested.',
          });
        }
        if (parentId !== null) {
          requireParent({ db: tx, userId, parentId, domain: ws.domain });
          assertNoCycle({ db: tx, userId, workspaceId: ws.id, parentId });
        }
        changes.parentId = parentId;
        changes.position = workspaceQueries.nextSiblingPosition({
          db: tx,
          userId,
          domain: ws.domain,
          parentId,
        });
      }
      const row = workspaceQueries.updateWorkspace({ db: tx, id: ws.id, userId, changes });
      if (!row) throw workspaceNotFound();
      return withCount(tx, row);
    },
    { behavior: 'immediate' },
  );
}

/** Collapses the given workspaces; if any id is not the caller's, nothing changes (NOT_FOUND). */
export function collapseWorkspaces({
  db,
  userId,
  ids,
}: {
  db: Db;
  userId: string;
  ids: string[];
}): { collapsed: number } {
  const unique = [...new Set(ids)];
  return db.transaction(
    (tx) => {
      const owned = workspaceQueries.findOwnedWorkspaceIds({ db: tx, userId, ids: unique });
      if (owned.length !== unique.length) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message:
            'One or more workspaces were not found; nothing was collapsed. Reload the sidebar.',
        });
      }
      return {
        collapsed: workspaceQueries.setWorkspacesExpanded({
          db: tx,
          userId,
          ids: unique,
          expanded: false,
        }),
      };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Deletes a folder in one transaction: its conversations move to its parent (or the domain's
 * default workspace), its sub-folders move up to its parent, appended after the parent's own.
 */
export function deleteWorkspace({
  db,
  userId,
  id,
}: {
  db: Db;
  userId: string;
  id: string;
}): DeleteWorkspaceResult {
  return db.transaction(
    (tx) => {
      const ws = requireWorkspace({ db: tx, userId, id });
      if (ws.isDefault) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message:
            'The General workspace cannot be deleted. Delete or move its conversations instead.',
        });
      }
      const domain = asDomain(ws.domain);
      const target = ws.parentId ?? ensureDefaultWorkspace({ db: tx, userId, domain }).id;
      const movedConversations = workspaceQueries.moveAllConversations({
        db: tx,
        fromWorkspaceId: ws.id,
        toWorkspaceId: target,
      });
      const children = workspaceQueries.listChildWorkspaces({ db: tx, parentId: ws.id });
      let position = workspaceQueries.nextSiblingPosition({
        db: tx,
        userId,
        domain,
        parentId: ws.parentId,
      });
      for (const child of children) {
        workspaceQueries.updateWorkspace({
          db: tx,
          id: child.id,
          userId,
          changes: { parentId: ws.parentId, position: position++ },
        });
      }
      workspaceQueries.deleteWorkspace({ db: tx, id: ws.id, userId });
      return {
        ok: true as const,
        movedToWorkspaceId: target,
        movedConversations,
        movedFolders: children.length,
      };
    },
    { behavior: 'immediate' },
  );
}

export function moveConversation({
  db,
  userId,
  conversationId,
  workspaceId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  workspaceId: string;
}): ConversationSummary {
  return db.transaction(
    (tx) => {
      const conversation = conversationQueries.findConversation({
        db: tx,
        id: conversationId,
        userId,
      });
      if (!conversation) throw conversationNotFound();
      const ws = requireWorkspace({ db: tx, userId, id: workspaceId });
      if (ws.domain !== conversation.domain) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'A conversation can only move to a workspace of its own tab (domain).',
        });
      }
      const row = conversationQueries.updateConversation({
        db: tx,
        id: conversation.id,
        userId,
        changes: { workspaceId: ws.id },
      });
      if (!row) throw conversationNotFound();
      return toConversationSummary(row);
    },
    { behavior: 'immediate' },
  );
}
