import type { Workspace } from '@margin/shared';
import { FolderInput, FolderPlus, Palette, Pencil, SquarePen, Trash2 } from 'lucide-react';
import { COLOR_META, COLOR_ORDER, ColorDot, type MenuEntry } from '../../components';
import type { TreeContextValue } from './TreeContext';
import { subtreeIds } from './tree';

const NO_COLOR = 'none';

function colorEntries(workspace: Workspace, tree: TreeContextValue): MenuEntry[] {
  return [
    {
      type: 'radio',
      value: workspace.color ?? NO_COLOR,
      onValueChange: (value) => {
        void tree.workspaceActions.setColor(
          workspace,
          COLOR_ORDER.find((c) => c === value) ?? null,
        );
      },
      options: [
        { value: NO_COLOR, label: 'No colour', icon: <ColorDot color={null} size="md" /> },
        ...COLOR_ORDER.map((color) => ({
          value: color,
          label: COLOR_META[color].label,
          icon: <ColorDot color={color} size="md" />,
        })),
      ],
    },
  ];
}

/** "Top level" and every other folder; the folder itself and its sub-folders cannot hold it. */
function moveEntries(workspace: Workspace, tree: TreeContextValue): MenuEntry[] {
  const inside = subtreeIds(tree.workspaces, workspace.id);
  return [
    {
      type: 'item',
      label: 'Top level',
      disabled: workspace.parentId === null,
      hint: workspace.parentId === null ? 'Current' : undefined,
      onSelect: () => void tree.workspaceActions.moveTo(workspace, null),
    },
    { type: 'separator' },
    ...tree.folders.map(({ workspace: target, depth }): MenuEntry => ({
      type: 'item',
      label: target.name,
      depth,
      icon: <ColorDot color={target.color} />,
      disabled: inside.has(target.id) || target.id === workspace.parentId,
      hint: target.id === workspace.parentId ? 'Current' : undefined,
      onSelect: () => void tree.workspaceActions.moveTo(workspace, target),
    })),
  ];
}

export function workspaceMenuEntries({
  workspace,
  tree,
  onRename,
  onDelete,
}: {
  workspace: Workspace;
  tree: TreeContextValue;
  onRename: () => void;
  onDelete: () => void;
}): MenuEntry[] {
  const entries: MenuEntry[] = [
    {
      type: 'item',
      label: 'New chat here',
      icon: <SquarePen />,
      onSelect: () => void tree.newChat({ workspaceId: workspace.id }),
    },
    {
      type: 'item',
      label: 'New folder inside',
      icon: <FolderPlus />,
      keepFocus: true,
      onSelect: () => {
        tree.createFolder(workspace);
      },
    },
    { type: 'separator' },
    { type: 'item', label: 'Rename', icon: <Pencil />, keepFocus: true, onSelect: onRename },
    { type: 'submenu', label: 'Colour', icon: <Palette />, entries: colorEntries(workspace, tree) },
  ];
  // "General" stays where it is and cannot be deleted: it is where conversations fall back to.
  if (workspace.isDefault) return entries;
  return [
    ...entries,
    {
      type: 'submenu',
      label: 'Move to',
      icon: <FolderInput />,
      entries: moveEntries(workspace, tree),
    },
    { type: 'separator' },
    {
      type: 'item',
      label: 'Delete',
      icon: <Trash2 />,
      destructive: true,
      keepFocus: true,
      onSelect: onDelete,
    },
  ];
}
