import type { Color, ConversationSummary, ExportFormat, Workspace } from '@margin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { getErrorCode, getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useConversationCache, type Rollback } from './cache';
import { downloadText } from './download';
import { useOpenConversationId } from './useOpenConversation';

const EXPORT_MIME: Record<ExportFormat, string> = {
  markdown: 'text/markdown;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Runs an optimistic change; on failure rolls it back and says why. */
async function optimistic(apply: () => Rollback, run: () => Promise<unknown>): Promise<boolean> {
  const rollback = apply();
  try {
    await run();
    return true;
  } catch (error) {
    rollback();
    toast.error(getErrorMessage(error));
    return false;
  }
}

/**
 * Everything the sidebar can do to a conversation. Calls go through the vanilla tRPC client, so a
 * long list of rows costs no mutation observers; progress and errors are shown as toasts.
 */
export function useConversationActions() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const cache = useConversationCache();
  const navigate = useNavigate();
  const openId = useOpenConversationId();
  const client = utils.client.conversations;

  return useMemo(() => {
    const refresh = () => void cache.invalidate();

    const forget = (id: string) => {
      queryClient.removeQueries({
        queryKey: getQueryKey(trpc.conversations.get, { id }, 'query'),
        exact: true,
      });
    };

    return {
      rename: (c: ConversationSummary, title: string) =>
        optimistic(
          () => cache.patch(c.id, { title }),
          () => client.rename.mutate({ id: c.id, title }),
        ).finally(refresh),

      setFlag: (c: ConversationSummary, flag: Color | null) =>
        optimistic(
          () => cache.patch(c.id, { flag }),
          () => client.setFlag.mutate({ id: c.id, flag }),
        ).finally(refresh),

      keep: async (c: ConversationSummary) => {
        const ok = await optimistic(
          () => cache.patch(c.id, { stateless: false }),
          () => client.setStateless.mutate({ id: c.id, stateless: false }),
        );
        if (ok) toast.success('Chat kept. It is no longer temporary.');
        refresh();
      },

      clone: async (c: ConversationSummary) => {
        const id = toast.loading(`Cloning “${c.title}”…`);
        try {
          const copy = await client.clone.mutate({ id: c.id });
          utils.conversations.get.setData({ id: copy.id }, copy);
          toast.success(`Cloned as “${copy.title}”.`, { id });
          refresh();
          await navigate(`/c/${copy.id}`);
        } catch (error) {
          toast.error(getErrorMessage(error), { id });
        }
      },

      /** Shares (or re-reads the existing link) and copies it. */
      copyLink: async (c: ConversationSummary) => {
        const id = toast.loading(c.shared ? 'Getting the link…' : 'Creating a share link…');
        try {
          // A shared link must outlive the visit: a temporary chat is kept from now on.
          if (c.stateless) await client.setStateless.mutate({ id: c.id, stateless: false });
          const { path } = await client.share.mutate({ id: c.id });
          cache.patch(c.id, { shared: true, stateless: false });
          const url = `${window.location.origin}${path}`;
          if (await copyText(url)) {
            toast.success('Link copied', {
              id,
              description: 'Anyone with the link can read this conversation.',
            });
          } else {
            toast.success('Share link created', { id, description: url, duration: 15_000 });
          }
        } catch (error) {
          toast.error(getErrorMessage(error), { id });
        }
      },

      unshare: async (c: ConversationSummary) => {
        const ok = await optimistic(
          () => cache.patch(c.id, { shared: false }),
          () => client.unshare.mutate({ id: c.id }),
        );
        if (ok) toast.success('Sharing stopped. The old link no longer works.');
      },

      exportAs: async (c: ConversationSummary, format: ExportFormat) => {
        const id = toast.loading('Preparing the export…');
        try {
          const file = await utils.conversations.export.fetch(
            { id: c.id, format },
            { staleTime: 0, gcTime: 0 },
          );
          downloadText(file.filename, file.content, EXPORT_MIME[format]);
          toast.success(`Downloaded ${file.filename}`, { id });
        } catch (error) {
          toast.error(getErrorMessage(error), { id });
        }
      },

      move: async (c: ConversationSummary, to: Workspace) => {
        if (c.workspaceId === to.id) return;
        const from = utils.workspaces.list
          .getData({ domain: c.domain })
          ?.find((w) => w.id === c.workspaceId) ?? { id: c.workspaceId, name: '', color: null };
        const ok = await optimistic(
          () => cache.move(c, to),
          () =>
            utils.client.workspaces.moveConversation.mutate({
              conversationId: c.id,
              workspaceId: to.id,
            }),
        );
        refresh();
        void utils.conversations.get.invalidate({ id: c.id });
        if (!ok) return;
        toast.success(`Moved to “${to.name}”`, {
          action: {
            label: 'Undo',
            onClick: () => {
              void optimistic(
                () => cache.move({ ...c, workspaceId: to.id }, from),
                () =>
                  utils.client.workspaces.moveConversation.mutate({
                    conversationId: c.id,
                    workspaceId: from.id,
                  }),
              ).finally(() => {
                refresh();
                void utils.conversations.get.invalidate({ id: c.id });
              });
            },
          },
        });
      },

      /** For ConfirmDialog: throws on failure so the dialog stays open with the error. */
      remove: async (c: ConversationSummary) => {
        await client.delete.mutate({ id: c.id });
        cache.remove(c.id);
        forget(c.id);
        refresh();
        toast.success(`Deleted “${c.title}”.`);
        if (openId === c.id) await navigate('/');
      },

      /** Silent clean-up of a temporary chat the user has left. */
      discardTemporary: async (id: string) => {
        cache.remove(id);
        forget(id);
        try {
          await client.delete.mutate({ id });
        } catch (error) {
          // Already gone (another tab, the server's idle clean-up): nothing to tell.
          if (getErrorCode(error) !== 'NOT_FOUND') {
            toast.error(`Couldn't remove the temporary chat: ${getErrorMessage(error)}`);
          }
        }
        refresh();
      },
    };
  }, [cache, client, navigate, openId, queryClient, utils]);
}

export type ConversationActions = ReturnType<typeof useConversationActions>;
