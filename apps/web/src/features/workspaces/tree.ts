import type { Workspace } from '@margin/shared';

export interface WorkspaceNode {
  workspace: Workspace;
  children: WorkspaceNode[];
  depth: number;
}

/**
 * Nests the flat `workspaces.list` by parentId, keeping the server's sibling order. A folder whose
 * parent is missing is shown at the top level; a cycle (never written by the API) is cut.
 */
export function buildTree(list: readonly Workspace[]): WorkspaceNode[] {
  const ids = new Set(list.map((w) => w.id));
  const byParent = new Map<string | null, Workspace[]>();
  for (const workspace of list) {
    const key =
      workspace.parentId !== null && ids.has(workspace.parentId) ? workspace.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), workspace]);
  }
  const seen = new Set<string>();
  const build = (parentId: string | null, depth: number): WorkspaceNode[] => {
    const nodes: WorkspaceNode[] = [];
    for (const workspace of byParent.get(parentId) ?? []) {
      if (seen.has(workspace.id)) continue;
      seen.add(workspace.id);
      nodes.push({ workspace, depth, children: build(workspace.id, depth + 1) });
    }
    return nodes;
  };
  return build(null, 0);
}

/** Every folder in display order with its depth (for "Move to…" lists). */
export function flattenTree(nodes: readonly WorkspaceNode[]): WorkspaceNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** The folder and everything nested inside it. */
export function subtreeIds(list: readonly Workspace[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const w of list) {
      if (w.parentId !== null && out.has(w.parentId) && !out.has(w.id)) {
        out.add(w.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The folder and its parents, innermost first. */
export function pathTo(list: readonly Workspace[], id: string): Workspace[] {
  const byId = new Map(list.map((w) => [w.id, w]));
  const path: Workspace[] = [];
  let current = byId.get(id);
  while (current && !path.includes(current)) {
    path.push(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}
