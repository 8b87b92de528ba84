import { useState } from 'react';
import { Button, ConfirmDialog, Dialog, Notice, PageSpinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { ProfileForm } from './ProfileForm';

/**
 * "About you": the two profile texts added to every answer's prompt. Closing with unsaved edits
 * asks first.
 */
export function ProfileDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [dirty, setDirty] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const close = () => {
    setDirty(false);
    onOpenChange(false);
  };

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (next) onOpenChange(true);
          else if (dirty) setConfirmDiscard(true);
          else close();
        }}
        size="lg"
        title="About you"
        description="Margin adds these to the instructions of every answer it writes for you. Leave a box empty to skip it."
      >
        <ProfileLoader onDirtyChange={setDirty} onDone={close} />
      </Dialog>
      <ConfirmDialog
        open={confirmDiscard}
        onOpenChange={setConfirmDiscard}
        title="Discard your changes?"
        description="What you typed since the last save will be lost."
        confirmLabel="Discard"
        cancelLabel="Keep editing"
        tone="danger"
        onConfirm={close}
      />
    </>
  );
}

function ProfileLoader({
  onDirtyChange,
  onDone,
}: {
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const profile = trpc.users.getProfile.useQuery();
  if (profile.isPending) return <PageSpinner label="Loading your profile" />;
  if (profile.isError) {
    return (
      <div className="flex flex-col items-start gap-3">
        <Notice tone="danger" role="alert" title="Couldn’t load your profile">
          {getErrorMessage(profile.error)}
        </Notice>
        <Button
          onClick={() => void profile.refetch()}
          loading={profile.isFetching}
          variant="secondary"
        >
          Try again
        </Button>
      </div>
    );
  }
  return <ProfileForm profile={profile.data} onDirtyChange={onDirtyChange} onDone={onDone} />;
}
