import { Link2, MoreHorizontal, SquareCheck, Undo2 } from 'lucide-react';
import { useState } from 'react';
import {
  ConfirmDialog,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  IconButton,
  toast,
} from '../../components';
import { trpc } from '../../lib/trpc';
import { useInvalidateMessages, type MessageSelection } from '../messages';

/** The conversation's "⋯" menu: select messages, copy link, delete the last turn. */
export function ConversationMenu({
  conversationId,
  hasMessages,
  selection,
}: {
  conversationId: string;
  hasMessages: boolean;
  selection: MessageSelection;
}) {
  const utils = trpc.useUtils();
  const refresh = useInvalidateMessages(conversationId);
  const [confirming, setConfirming] = useState(false);

  const deleteLastTurn = async () => {
    const { deletedIds } = await utils.client.messages.deleteLastTurn.mutate({ conversationId });
    selection.forget(deletedIds);
    await refresh();
    if (deletedIds.length === 0) toast.info('There was nothing to delete.');
    else
      toast.success(deletedIds.length === 1 ? 'Deleted the last message' : 'Deleted the last turn');
  };

  const copyLink = () => {
    navigator.clipboard.writeText(`${window.location.origin}/c/${conversationId}`).then(
      () => {
        toast.success('Link to this conversation copied');
      },
      () => {
        toast.error("Couldn't copy the link automatically.");
      },
    );
  };

  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <IconButton label="Conversation actions" icon={<MoreHorizontal />} tooltip={false} />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem
            icon={<SquareCheck />}
            disabled={!hasMessages}
            onSelect={() => {
              selection.start();
            }}
          >
            Select messages
          </DropdownMenuItem>
          <DropdownMenuItem icon={<Link2 />} onSelect={copyLink}>
            Copy link
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem
            icon={<Undo2 />}
            destructive
            disabled={!hasMessages}
            onSelect={() => {
              setConfirming(true);
            }}
          >
            Delete last turn
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title="Delete the last turn?"
        description="Your last message and the answer to it are removed for good."
        confirmLabel="Delete"
        onConfirm={deleteLastTurn}
      />
    </>
  );
}
