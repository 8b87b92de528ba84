import type { Workspace } from '@margin/shared';
import { ChevronsDownUp, FolderPlus, RotateCw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button, IconButton, Notice } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { ConversationDragProvider } from '../conversations/dnd';
import type { ConversationActions } from '../conversations/useConversationActions';
import type { useNewChat } from '../conversations/useNewChat';
import { useDomain } from '../shell/domain';
import { SidebarSection } from '../shell/Sidebar';
import { buildTree, flattenTree } from './tree';
import { TreeContext, type TreeContextValue } from './TreeContext';
import { useWorkspaceActions } from './useWorkspaceActions';
import { WorkspaceDialog } from './WorkspaceDialog';
import { WorkspaceItem } from './WorkspaceItem';

function TreeSkeleton() {
  return (
    <div aria-hidden className="flex flex-col gap-1">
      {[46, 62, 38].map((width) => (
        <div key={width} className="flex h-8 items-center gap-2 px-2">
          <div className="size-4 animate-pulse rounded bg-soft-hover" />
          <div
            className="h-2.5 animate-pulse rounded-full bg-soft-hover"
            style={{ width: `${String(width)}%` }}
          />
        </div>
      ))}
    </div>
  );
}

/** The active tab's workspaces as a folder tree, each with its conversations. */
export function WorkspaceTree({
  openId,
  keepId,
  conversationActions,
  newChat,
}: {
  openId: string | undefined;
  keepId: string | undefined;
  conversationActions: ConversationActions;
  newChat: ReturnType<typeof useNewChat>;
}) {
  const { domain } = useDomain();
  const query = trpc.workspaces.list.useQuery({ domain });
  const workspaceActions = useWorkspaceActions(domain);
  const [createParent, setCreateParent] = useState<Workspace | null | undefined>(undefined);

  const workspaces = query.data;
  const nodes = useMemo(() => buildTree(workspaces ?? []), [workspaces]);
  const value = useMemo<TreeContextValue>(
    () => ({
      domain,
      workspaces: workspaces ?? [],
      folders: flattenTree(nodes),
      openId,
      keepId,
      conversationActions,
      workspaceActions,
      newChat: newChat.start,
      newChatPending: newChat.pending,
      createFolder: setCreateParent,
    }),
    [
      domain,
      workspaces,
      nodes,
      openId,
      keepId,
      conversationActions,
      workspaceActions,
      newChat.start,
      newChat.pending,
    ],
  );

  const anyExpanded = (workspaces ?? []).some((w) => w.expanded);

  return (
    <TreeContext value={value}>
      <SidebarSection
        title="Workspaces"
        actions={
          <>
            <IconButton
              label="Collapse all"
              icon={<ChevronsDownUp />}
              size="sm"
              disabled={!anyExpanded}
              onClick={() => void workspaceActions.collapseAll()}
            />
            <IconButton
              label="New workspace"
              icon={<FolderPlus />}
              size="sm"
              onClick={() => {
                setCreateParent(null);
              }}
            />
          </>
        }
      >
        {query.isPending ? <TreeSkeleton /> : null}
        {query.isError ? (
          <Notice tone="danger" title="Couldn't load your workspaces">
            <p>{getErrorMessage(query.error)}</p>
            <Button
              size="sm"
              variant="secondary"
              icon={<RotateCw />}
              className="mt-2"
              loading={query.isFetching}
              onClick={() => void query.refetch()}
            >
              Try again
            </Button>
          </Notice>
        ) : null}
        {workspaces ? (
          <ConversationDragProvider>
            <ul className="flex flex-col gap-px">
              {nodes.map((node) => (
                <WorkspaceItem key={node.workspace.id} node={node} />
              ))}
            </ul>
          </ConversationDragProvider>
        ) : null}
      </SidebarSection>
      <WorkspaceDialog
        parent={createParent}
        onClose={() => {
          setCreateParent(undefined);
        }}
        create={workspaceActions.create}
      />
    </TreeContext>
  );
}
