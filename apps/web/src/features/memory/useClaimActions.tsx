import type { Claim, ClaimStatus } from '@margin/shared';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { memoryAttachments } from './attachments';
import { ClaimDialog } from './ClaimDialog';
import type { ClaimAction } from './ClaimRow';
import { memoryReference, shorten } from './labels';
import { useInvalidateMemory } from './useMemoryCache';

const STATUS_TOASTS: Partial<Record<ClaimStatus, string>> = {
  historical: 'Marked as no longer true — kept for the record, not used in answers',
  active: 'Marked as active',
  retracted: 'Retracted — it will not be used in answers',
};

/** What the "⋯" menu and the pin button of a memory do, with their dialogs. */
export function useClaimActions(
  conversationId: string | undefined,
  /** Memories pinned to that conversation (the menu offers to unpin them). */
  conversationPinnedIds: ReadonlySet<string>,
): {
  onAction: (action: ClaimAction, claim: Claim) => void;
  pinPendingId: string | null;
  dialogs: ReactNode;
} {
  const invalidate = useInvalidateMemory();
  const pin = trpc.pkb.claims.pin.useMutation();
  const update = trpc.pkb.claims.update.useMutation();
  const remove = trpc.pkb.claims.delete.useMutation();
  const conversationPin = trpc.pkb.conversationPins.set.useMutation();
  const [editing, setEditing] = useState<Claim | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [forgetting, setForgetting] = useState<Claim | null>(null);
  const [pinPendingId, setPinPendingId] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, success: string) => {
    try {
      await work();
      toast.success(success);
      void invalidate();
    } catch (error) {
      toast.error(getErrorMessage(error));
    }
  };

  const setStatus = (claim: Claim, status: ClaimStatus) =>
    void run(
      () => update.mutateAsync({ id: claim.id, status }),
      STATUS_TOASTS[status] ?? 'Memory updated',
    );

  const onAction = (action: ClaimAction, claim: Claim) => {
    switch (action) {
      case 'edit':
        setEditing(claim);
        setEditOpen(true);
        return;
      case 'togglePin':
        setPinPendingId(claim.id);
        void run(
          () => pin.mutateAsync({ id: claim.id, pinned: !claim.pinned }),
          claim.pinned ? 'Unpinned' : 'Pinned — Margin will use it in every answer',
        ).finally(() => {
          setPinPendingId(null);
        });
        return;
      case 'toggleConversationPin': {
        if (!conversationId) return;
        const pinned = !conversationPinnedIds.has(claim.id);
        void run(
          () => conversationPin.mutateAsync({ conversationId, claimId: claim.id, pinned }),
          pinned ? 'Pinned to this chat' : 'Unpinned from this chat',
        );
        return;
      }
      case 'attach':
        if (!conversationId) return;
        memoryAttachments.add(conversationId, { id: claim.id, statement: claim.statement });
        toast.success(`“${shorten(claim.statement, 40)}” will be used in your next message`);
        return;
      case 'copyReference':
        navigator.clipboard.writeText(memoryReference(claim.id)).then(
          () => toast.success('Reference copied — paste it into a message'),
          () => toast.error('Couldn’t copy automatically'),
        );
        return;
      case 'historical':
        setStatus(claim, 'historical');
        return;
      case 'reactivate':
        setStatus(claim, 'active');
        return;
      case 'retract':
        setStatus(claim, 'retracted');
        return;
      case 'forget':
        setForgetting(claim);
    }
  };

  const dialogs = (
    <>
      <ClaimDialog open={editOpen} onOpenChange={setEditOpen} claim={editing ?? undefined} />
      <ConfirmDialog
        open={forgetting !== null}
        onOpenChange={(open) => {
          if (!open) setForgetting(null);
        }}
        title="Forget this memory?"
        description={
          forgetting
            ? `“${shorten(forgetting.statement, 120)}” is deleted for good, with its tags and links. To keep it for the record instead, mark it as no longer true.`
            : undefined
        }
        confirmLabel="Forget"
        tone="danger"
        onConfirm={async () => {
          if (!forgetting) return;
          await remove.mutateAsync({ id: forgetting.id });
          if (conversationId) memoryAttachments.remove(conversationId, forgetting.id);
          toast.success('Forgotten');
          void invalidate();
        }}
      />
    </>
  );

  return { onAction, pinPendingId, dialogs };
}
