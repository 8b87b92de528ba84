import { changePasswordInput } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import { Dialog } from '../../components';
import {
  DialogFormFooter,
  FormErrorNotice,
  type DialogOpenProps,
} from '../../components/FormParts';
import { validate } from '../../lib/form';
import { useSchemaForm } from '../../lib/useSchemaForm';
import { trpc } from '../../lib/trpc';
import { NEW_PASSWORD_HINT, PasswordField } from '../auth/fields';

export function ChangePasswordDialog({ open, onOpenChange }: DialogOpenProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Change password"
      description="Your other sessions will be signed out. This one stays signed in."
    >
      {/* Mounted only while open, so the fields start empty every time. */}
      <ChangePasswordForm
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useSchemaForm();

  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      toast.success('Password changed. Your other sessions were signed out.');
      onDone();
    },
    onError: (error) => {
      form.showServerError(error);
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(changePasswordInput, { currentPassword, newPassword });
    const nextErrors = { ...result.errors };
    if (!nextErrors.newPassword && confirm !== newPassword) {
      nextErrors.confirm = 'The passwords do not match';
    }
    form.showValidation(nextErrors);
    if (!result.success || nextErrors.confirm) return;
    change.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormErrorNotice message={form.formError} />
      <PasswordField
        label="Current password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={form.errors.currentPassword}
        autoComplete="current-password"
        autoFocus
      />
      <PasswordField
        label="New password"
        hint={NEW_PASSWORD_HINT}
        value={newPassword}
        onChange={setNewPassword}
        error={form.errors.newPassword}
        autoComplete="new-password"
      />
      <PasswordField
        label="Confirm new password"
        value={confirm}
        onChange={setConfirm}
        error={form.errors.confirm}
        autoComplete="new-password"
      />
      <DialogFormFooter pending={change.isPending}>Change password</DialogFormFooter>
    </form>
  );
}
