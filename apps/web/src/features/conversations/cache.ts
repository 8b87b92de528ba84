import type { ConversationPage, ConversationSummary, Domain, Workspace } from '@margin/shared';
import { useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';

type ListData = InfiniteData<ConversationPage>;

/** Every cached `conversations.list` (one per workspace of each domain, any keepId). */
const listsKey = (): QueryKey => getQueryKey(trpc.conversations.list, undefined, 'infinite');

/** The `workspaceId` a cached list was fetched for (from its tRPC query key). */
function listWorkspaceId(key: QueryKey): string | undefined {
  const meta: unknown = key[1];
  if (typeof meta !== 'object' || meta === null || !('input' in meta)) return undefined;
  const input: unknown = meta.input;
  if (typeof input !== 'object' || input === null || !('workspaceId' in input)) return undefined;
  return typeof input.workspaceId === 'string' ? input.workspaceId : undefined;
}

function mapItems(
  data: ListData | undefined,
  map: (items: ConversationSummary[], pageIndex: number) => ConversationSummary[],
): ListData | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page, index) => ({ ...page, items: map(page.items, index) })),
  };
}

/** Undo for an optimistic change. */
export type Rollback = () => void;

/**
 * Optimistic edits of the sidebar caches (conversation lists, the open conversation, workspace
 * counts). Each edit returns a rollback for when the server refuses the change.
 */
export function useConversationCache() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();

  return useMemo(() => {
    const snapshot = (id: string): Rollback => {
      const lists = queryClient.getQueriesData<ListData>({ queryKey: listsKey() });
      const folders = queryClient.getQueriesData({ queryKey: getQueryKey(trpc.workspaces.list) });
      const open = utils.conversations.get.getData({ id });
      return () => {
        for (const [key, data] of [...lists, ...folders]) queryClient.setQueryData(key, data);
        if (open) utils.conversations.get.setData({ id }, open);
      };
    };

    const find = (id: string): ConversationSummary | undefined => {
      const open = utils.conversations.get.getData({ id });
      if (open) return open;
      for (const [, data] of queryClient.getQueriesData<ListData>({ queryKey: listsKey() })) {
        for (const page of data?.pages ?? []) {
          const hit = page.items.find((item) => item.id === id);
          if (hit) return hit;
        }
      }
      return undefined;
    };

    const adjustCount = (domain: Domain, workspaceId: string, delta: number) => {
      utils.workspaces.list.setData({ domain }, (list) =>
        list?.map((ws) =>
          ws.id === workspaceId
            ? { ...ws, conversationCount: Math.max(0, ws.conversationCount + delta) }
            : ws,
        ),
      );
    };

    return {
      find,
      snapshot,

      patch(
        id: string,
        patch: Partial<Pick<ConversationSummary, 'title' | 'flag' | 'stateless' | 'shared'>>,
      ) {
        const rollback = snapshot(id);
        queryClient.setQueriesData<ListData>({ queryKey: listsKey() }, (data) =>
          mapItems(data, (items) =>
            items.map((item) => (item.id === id ? { ...item, ...patch } : item)),
          ),
        );
        utils.conversations.get.setData({ id }, (open) => (open ? { ...open, ...patch } : open));
        return rollback;
      },

      remove(id: string): Rollback {
        const rollback = snapshot(id);
        const removed = find(id);
        queryClient.setQueriesData<ListData>({ queryKey: listsKey() }, (data) =>
          mapItems(data, (items) => items.filter((item) => item.id !== id)),
        );
        if (removed && !removed.stateless) adjustCount(removed.domain, removed.workspaceId, -1);
        return rollback;
      },

      /** Moves a row between the cached workspace lists (newest activity first). */
      move(
        conversation: ConversationSummary,
        to: Pick<Workspace, 'id' | 'name' | 'color'>,
      ): Rollback {
        const workspaceId = to.id;
        const rollback = snapshot(conversation.id);
        const moved = { ...conversation, workspaceId };
        for (const [key] of queryClient.getQueriesData<ListData>({ queryKey: listsKey() })) {
          const target = listWorkspaceId(key) === workspaceId;
          queryClient.setQueryData<ListData>(key, (data) =>
            mapItems(data, (items, pageIndex) => {
              const rest = items.filter((item) => item.id !== conversation.id);
              if (!target || pageIndex !== 0) return rest;
              return [...rest, moved].sort(
                (a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime(),
              );
            }),
          );
        }
        utils.conversations.get.setData({ id: conversation.id }, (open) =>
          open
            ? { ...open, workspaceId, workspace: { id: to.id, name: to.name, color: to.color } }
            : open,
        );
        if (!conversation.stateless) {
          adjustCount(conversation.domain, conversation.workspaceId, -1);
          adjustCount(conversation.domain, workspaceId, 1);
        }
        return rollback;
      },

      /** Re-reads every list and the workspace counts from the server. */
      invalidate() {
        return Promise.all([
          utils.conversations.list.invalidate(),
          utils.workspaces.list.invalidate(),
        ]);
      },
    };
  }, [queryClient, utils]);
}

export type ConversationCache = ReturnType<typeof useConversationCache>;
