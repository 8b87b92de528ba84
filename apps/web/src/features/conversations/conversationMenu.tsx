import type { ConversationSummary, Workspace } from '@margin/shared';
import {
  Copy,
  Download,
  FileJson,
  FileText,
  Flag,
  FolderInput,
  Link,
  Link2Off,
  Pencil,
  Pin,
  Trash2,
} from 'lucide-react';
import { COLOR_META, COLOR_ORDER, ColorDot, type MenuEntry } from '../../components';
import type { WorkspaceNode } from '../workspaces/tree';
import type { ConversationActions } from './useConversationActions';

const NO_FLAG = 'none';

/** "No flag" plus the eight colours, each with its swatch. */
function flagEntries(conversation: ConversationSummary, actions: ConversationActions): MenuEntry[] {
  return [
    {
      type: 'radio',
      value: conversation.flag ?? NO_FLAG,
      onValueChange: (value) => {
        void actions.setFlag(conversation, COLOR_ORDER.find((c) => c === value) ?? null);
      },
      options: [
        { value: NO_FLAG, label: 'No flag', icon: <ColorDot color={null} size="md" /> },
        ...COLOR_ORDER.map((color) => ({
          value: color,
          label: COLOR_META[color].label,
          icon: <ColorDot color={color} size="md" />,
        })),
      ],
    },
  ];
}

/** Every folder of the tab, indented; the current one is marked and disabled. */
function moveEntries(
  conversation: ConversationSummary,
  folders: readonly WorkspaceNode[],
  actions: ConversationActions,
): MenuEntry[] {
  return folders.map(({ workspace, depth }: { workspace: Workspace; depth: number }) => ({
    type: 'item',
    label: workspace.name,
    depth,
    icon: <ColorDot color={workspace.color} />,
    disabled: workspace.id === conversation.workspaceId,
    hint: workspace.id === conversation.workspaceId ? 'Current' : undefined,
    onSelect: () => {
      void actions.move(conversation, workspace);
    },
  }));
}

export function conversationMenuEntries({
  conversation,
  folders,
  actions,
  onRename,
  onDelete,
}: {
  conversation: ConversationSummary;
  /** The tab's folders in tree order. */
  folders: readonly WorkspaceNode[];
  actions: ConversationActions;
  onRename: () => void;
  onDelete: () => void;
}): MenuEntry[] {
  const sharing: MenuEntry[] = conversation.shared
    ? [
        {
          type: 'item',
          label: 'Copy link',
          icon: <Link />,
          onSelect: () => void actions.copyLink(conversation),
        },
        {
          type: 'item',
          label: 'Stop sharing',
          icon: <Link2Off />,
          onSelect: () => void actions.unshare(conversation),
        },
      ]
    : [
        {
          type: 'item',
          label: 'Share link',
          icon: <Link />,
          onSelect: () => void actions.copyLink(conversation),
        },
      ];

  return [
    { type: 'item', label: 'Rename', icon: <Pencil />, keepFocus: true, onSelect: onRename },
    {
      type: 'submenu',
      label: 'Flag',
      icon: <Flag />,
      entries: flagEntries(conversation, actions),
    },
    {
      type: 'submenu',
      label: 'Move to',
      icon: <FolderInput />,
      entries: moveEntries(conversation, folders, actions),
    },
    ...(conversation.stateless
      ? [
          {
            type: 'item',
            label: 'Keep this chat',
            icon: <Pin />,
            onSelect: () => void actions.keep(conversation),
          } satisfies MenuEntry,
        ]
      : []),
    { type: 'separator' },
    {
      type: 'item',
      label: 'Clone',
      icon: <Copy />,
      onSelect: () => void actions.clone(conversation),
    },
    ...sharing,
    {
      type: 'submenu',
      label: 'Export',
      icon: <Download />,
      entries: [
        {
          type: 'item',
          label: 'Markdown (.md)',
          icon: <FileText />,
          onSelect: () => void actions.exportAs(conversation, 'markdown'),
        },
        {
          type: 'item',
          label: 'JSON (.json)',
          icon: <FileJson />,
          onSelect: () => void actions.exportAs(conversation, 'json'),
        },
      ],
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
