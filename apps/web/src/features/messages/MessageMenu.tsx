import type { Message } from '@margin/shared';
import {
  Copy,
  Eye,
  EyeOff,
  History,
  Link2,
  MoreHorizontal,
  Pencil,
  SquareCheck,
  Trash2,
} from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  IconButton,
  toast,
} from '../../components';
import { useMessageActions } from './actionsContext';
import { useMessageExtensions } from './extensions';

async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success('Copied to the clipboard');
  } catch {
    toast.error("Couldn't copy automatically — select the text and copy it manually.");
  }
}

/** The "⋯" menu of a message: every action, reachable by keyboard and touch. */
export function MessageMenu({ message }: { message: Message }) {
  const actions = useMessageActions();
  const extensions = useMessageExtensions();
  const extraItems = extensions.menuItems?.(message);
  const streaming = message.status === 'streaming';
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <IconButton label="More actions" icon={<MoreHorizontal />} size="sm" tooltip={false} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align={message.role === 'user' ? 'end' : 'start'}>
        <DropdownMenuItem icon={<Copy />} onSelect={() => void copyText(message.content)}>
          Copy text
        </DropdownMenuItem>
        <DropdownMenuItem
          icon={<Link2 />}
          onSelect={() => {
            actions.copyLink(message);
          }}
        >
          Copy link
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          icon={<Pencil />}
          disabled={streaming}
          onSelect={() => {
            actions.edit(message);
          }}
        >
          Edit
        </DropdownMenuItem>
        <DropdownMenuItem
          icon={<History />}
          disabled={message.versionCount <= 1}
          onSelect={() => {
            actions.showHistory(message);
          }}
        >
          Version history
          {message.versionCount > 1 ? (
            <span className="ml-1.5 text-xs text-fg-subtle">{message.versionCount}</span>
          ) : null}
        </DropdownMenuItem>
        <DropdownMenuItem
          icon={message.hidden ? <Eye /> : <EyeOff />}
          onSelect={() => {
            actions.setHidden(message, !message.hidden);
          }}
        >
          {message.hidden ? 'Unhide' : 'Hide'}
        </DropdownMenuItem>
        <DropdownMenuItem
          icon={<SquareCheck />}
          onSelect={() => {
            actions.select(message);
          }}
        >
          Select
        </DropdownMenuItem>
        {extraItems ? (
          <>
            <DropdownMenuSeparator />
            {extraItems}
          </>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          icon={<Trash2 />}
          destructive
          disabled={streaming}
          onSelect={() => {
            actions.remove(message);
          }}
        >
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
