import { WORKSPACE_LIMITS } from '@margin/shared';
import { ChevronRight, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import {
  ActionContextMenu,
  ActionMenuButton,
  ConfirmDialog,
  IconButton,
  InlineEdit,
} from '../../components';
import { cn } from '../../lib/cn';
import { ConversationList } from '../conversations/ConversationList';
import { useConversationDropTarget } from '../conversations/dnd';
import { FolderIcon } from './FolderIcon';
import { useTree } from './TreeContext';
import type { WorkspaceNode } from './tree';
import { workspaceMenuEntries } from './workspaceMenu';
import { deleteDescription } from './deleteDescription';

/** Hovering a collapsed folder with a dragged chat opens it after this long. */
const DRAG_EXPAND_MS = 700;

/** A folder of the tree: its header row, then (when expanded) its sub-folders and conversations. */
export function WorkspaceItem({ node }: { node: WorkspaceNode }) {
  const tree = useTree();
  const { workspace, children } = node;
  const [renaming, setRenaming] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { isOver, dropProps } = useConversationDropTarget(workspace.id, (conversation) => {
    void tree.conversationActions.move(conversation, workspace);
  });
  const { expanded } = workspace;
  const { setExpanded } = tree.workspaceActions;

  useEffect(() => {
    if (!isOver || expanded) return;
    const timer = setTimeout(() => void setExpanded(workspace, true), DRAG_EXPAND_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [isOver, expanded, setExpanded, workspace]);

  const entries = () =>
    workspaceMenuEntries({
      workspace,
      tree,
      onRename: () => {
        setRenaming(true);
      },
      onDelete: () => {
        setConfirmDelete(true);
      },
    });
  const creatingHere = tree.newChatPending?.workspaceId === workspace.id;

  return (
    <li
      {...dropProps}
      className={cn(
        'rounded-lg transition-colors',
        isOver && 'bg-accent-soft ring-1 ring-accent/50 ring-inset',
      )}
    >
      <ActionContextMenu entries={entries}>
        <div
          data-drop-target={isOver || undefined}
          className="group/folder flex h-8 items-center gap-0.5 rounded-lg pr-0.5 hover:bg-soft has-[[data-state=open]]:bg-soft data-[state=open]:bg-soft"
        >
          {renaming ? (
            <div className="flex min-w-0 flex-1 items-center gap-1.5 pl-1.5">
              <ChevronRight className="size-3.5 shrink-0 text-transparent" aria-hidden />
              <FolderIcon color={workspace.color} open={expanded} />
              <InlineEdit
                value={workspace.name}
                label="Workspace name"
                maxLength={WORKSPACE_LIMITS.nameMax}
                onSubmit={(name) => void tree.workspaceActions.rename(workspace, name)}
                onDone={() => {
                  setRenaming(false);
                }}
              />
            </div>
          ) : (
            <button
              type="button"
              aria-expanded={expanded}
              onClick={() => void setExpanded(workspace, !expanded)}
              className="flex h-full min-w-0 flex-1 items-center gap-1.5 rounded-lg pl-1.5 text-left text-sm font-medium text-fg"
            >
              <ChevronRight
                aria-hidden
                className={cn(
                  'size-3.5 shrink-0 text-fg-subtle transition-transform',
                  expanded && 'rotate-90',
                )}
              />
              <FolderIcon color={workspace.color} open={expanded} />
              <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
              {workspace.conversationCount > 0 ? (
                <span
                  aria-label={`${String(workspace.conversationCount)} conversation${workspace.conversationCount === 1 ? '' : 's'}`}
                  className="shrink-0 rounded-full px-1.5 text-xs font-normal text-fg-subtle tabular-nums group-hover/folder:hidden group-focus-within/folder:hidden group-has-[[data-state=open]]/folder:hidden pointer-coarse:hidden"
                >
                  {workspace.conversationCount}
                </span>
              ) : null}
            </button>
          )}
          <div className="hidden items-center group-hover/folder:flex group-focus-within/folder:flex group-has-[[data-state=open]]/folder:flex pointer-coarse:flex">
            <IconButton
              label={`New chat in ${workspace.name}`}
              icon={<Plus />}
              size="sm"
              loading={creatingHere}
              onClick={() => void tree.newChat({ workspaceId: workspace.id })}
            />
            <ActionMenuButton entries={entries} label={`Actions for ${workspace.name}`} />
          </div>
        </div>
      </ActionContextMenu>

      {expanded ? (
        <div
          role="group"
          aria-label={workspace.name}
          className="ml-[13px] border-l border-line pl-1.5"
        >
          {children.length > 0 ? (
            <ul className="flex flex-col gap-px">
              {children.map((child) => (
                <WorkspaceItem key={child.workspace.id} node={child} />
              ))}
            </ul>
          ) : null}
          <ConversationList workspaceId={workspace.id} hasSubfolders={children.length > 0} />
        </div>
      ) : null}

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        tone="danger"
        title={`Delete “${workspace.name}”?`}
        description={deleteDescription(workspace, tree.workspaces)}
        confirmLabel="Delete workspace"
        onConfirm={() => tree.workspaceActions.remove(workspace)}
      />
    </li>
  );
}
