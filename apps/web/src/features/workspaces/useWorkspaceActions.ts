import type { Color, Domain, Workspace } from '@margin/shared';
import { useMemo } from 'react';
import { toast } from 'sonner';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { pathTo } from './tree';

type Patch = Partial<Pick<Workspace, 'name' | 'color' | 'expanded'>>;

/**
 * Workspace (folder) changes. Cheap ones (rename, colour, expand/collapse) are applied to the cache
 * at once and rolled back with a toast if the server refuses.
 */
export function useWorkspaceActions(domain: Domain) {
  const utils = trpc.useUtils();
  const client = utils.client.workspaces;

  return useMemo(() => {
    const list = utils.workspaces.list;
    const refresh = () => void list.invalidate({ domain });

    /** Applies `patches` (by id) to the cached list; returns the rollback. */
    const patchMany = (patches: Map<string, Patch>) => {
      const before = list.getData({ domain });
      list.setData({ domain }, (current) =>
        current?.map((w) => {
          const patch = patches.get(w.id);
          return patch ? { ...w, ...patch } : w;
        }),
      );
      return () => {
        list.setData({ domain }, before);
      };
    };

    const update = async (ws: Workspace, patch: Patch) => {
      const rollback = patchMany(new Map([[ws.id, patch]]));
      try {
        await client.update.mutate({ id: ws.id, ...patch });
        // The open conversation shows its folder's name and colour.
        if (patch.name !== undefined || patch.color !== undefined) {
          void utils.conversations.get.invalidate();
        }
      } catch (error) {
        rollback();
        toast.error(getErrorMessage(error));
      }
    };

    return {
      /** Throws (for the dialog to show); adds the new folder to the cache. */
      create: async (input: { name: string; color: Color | null; parentId: string | null }) => {
        const created = await client.create.mutate({ domain, ...input });
        list.setData({ domain }, (current) => (current ? [...current, created] : current));
        refresh();
        return created;
      },

      rename: (ws: Workspace, name: string) => update(ws, { name }),
      setColor: (ws: Workspace, color: Color | null) => update(ws, { color }),
      setExpanded: (ws: Workspace, expanded: boolean) => update(ws, { expanded }),

      /** Expands the folder and its parents so a row inside it is visible. */
      reveal: async (workspaceId: string) => {
        const collapsed = pathTo(list.getData({ domain }) ?? [], workspaceId).filter(
          (w) => !w.expanded,
        );
        if (collapsed.length === 0) return;
        patchMany(new Map(collapsed.map((w) => [w.id, { expanded: true }])));
        try {
          await Promise.all(
            collapsed.map((w) => client.update.mutate({ id: w.id, expanded: true })),
          );
        } catch (error) {
          toast.error(getErrorMessage(error));
          refresh();
        }
      },

      collapseAll: async () => {
        const open = (list.getData({ domain }) ?? []).filter((w) => w.expanded);
        if (open.length === 0) return;
        const rollback = patchMany(new Map(open.map((w) => [w.id, { expanded: false }])));
        try {
          await client.collapse.mutate({ ids: open.map((w) => w.id) });
        } catch (error) {
          rollback();
          toast.error(getErrorMessage(error));
        }
      },

      /** Nests `ws` inside `parent` (null = top level). The server refuses cycles. */
      moveTo: async (ws: Workspace, parent: Workspace | null) => {
        const id = toast.loading(`Moving “${ws.name}”…`);
        try {
          await client.update.mutate({ id: ws.id, parentId: parent?.id ?? null });
          toast.success(
            parent
              ? `Moved “${ws.name}” into “${parent.name}”.`
              : `Moved “${ws.name}” to the top level.`,
            { id },
          );
          if (parent && !parent.expanded) patchMany(new Map([[parent.id, { expanded: true }]]));
          if (parent && !parent.expanded)
            await client.update.mutate({ id: parent.id, expanded: true });
        } catch (error) {
          toast.error(getErrorMessage(error), { id });
        }
        refresh();
      },

      /** For ConfirmDialog: throws so the dialog stays open on failure. */
      remove: async (ws: Workspace) => {
        const result = await client.delete.mutate({ id: ws.id });
        await Promise.all([
          list.invalidate({ domain }),
          utils.conversations.list.invalidate(),
          utils.conversations.get.invalidate(),
        ]);
        const moved = result.movedConversations;
        toast.success(
          moved === 0
            ? `Deleted “${ws.name}”.`
            : `Deleted “${ws.name}”. ${String(moved)} conversation${moved === 1 ? '' : 's'} moved.`,
        );
      },
    };
  }, [client, domain, utils]);
}

export type WorkspaceActions = ReturnType<typeof useWorkspaceActions>;
