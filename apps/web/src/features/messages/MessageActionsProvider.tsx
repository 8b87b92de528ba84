import type { Message } from '@margin/shared';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { MessageActionsContext, type MessageActions } from './actionsContext';
import { EditMessageDialog } from './EditMessageDialog';
import { useInvalidateMessages } from './useMessages';
import type { MessageSelection } from './useSelection';
import { VersionHistoryDialog } from './VersionHistoryDialog';

type DialogKind = 'edit' | 'history' | 'delete';

/**
 * Gives message cards their actions and hosts the dialogs once, outside the virtualised rows
 * (a row scrolling away must not close a dialog). Every change refreshes the message list.
 */
export function MessageActionsProvider({
  conversationId,
  selection,
  children,
}: {
  conversationId: string;
  selection: MessageSelection;
  children: ReactNode;
}) {
  const utils = trpc.useUtils();
  const [target, setTarget] = useState<Message | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);

  const refresh = useInvalidateMessages(conversationId);

  const open = useCallback((kind: DialogKind, message: Message) => {
    setTarget(message);
    setDialog(kind);
  }, []);

  const { start, toggle } = selection;
  const actions = useMemo<MessageActions>(
    () => ({
      edit: (message) => {
        open('edit', message);
      },
      showHistory: (message) => {
        open('history', message);
      },
      remove: (message) => {
        open('delete', message);
      },
      setHidden: (message, hidden) => {
        utils.client.messages.setHidden.mutate({ id: message.id, hidden }).then(
          async () => {
            await refresh();
            toast.success(hidden ? 'Message hidden' : 'Message visible again');
          },
          (error: unknown) => {
            toast.error(getErrorMessage(error));
          },
        );
      },
      select: (message) => {
        start(message.id);
      },
      toggleSelected: (message) => {
        toggle(message.id);
      },
      copyLink: (message) => {
        const url = `${window.location.origin}/c/${conversationId}/m/${message.id}`;
        navigator.clipboard.writeText(url).then(
          () => {
            toast.success('Link to this message copied');
          },
          () => {
            toast.error("Couldn't copy the link automatically.");
          },
        );
      },
    }),
    [open, utils, refresh, start, toggle, conversationId],
  );

  const close = (isOpen: boolean) => {
    if (!isOpen) setDialog(null);
  };

  const { forget } = selection;
  const deleteTarget = async () => {
    if (!target) return;
    await utils.client.messages.delete.mutate({ id: target.id });
    forget([target.id]);
    await refresh();
    toast.success('Message deleted');
  };

  return (
    <MessageActionsContext value={actions}>
      {children}
      <EditMessageDialog
        message={target}
        open={dialog === 'edit'}
        onOpenChange={close}
        onSaved={refresh}
      />
      <VersionHistoryDialog
        message={target}
        open={dialog === 'history'}
        onOpenChange={close}
        onRestored={refresh}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={close}
        tone="danger"
        title={target?.role === 'assistant' ? 'Delete this answer?' : 'Delete this message?'}
        description="It is removed from the conversation for good, with its earlier versions."
        confirmLabel="Delete"
        onConfirm={deleteTarget}
      />
    </MessageActionsContext>
  );
}
