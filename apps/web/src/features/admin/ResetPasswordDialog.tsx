import { adminResetPasswordInput, type AdminUserView } from '@margin/shared';
import { useState } from 'react';
import { toast } from 'sonner';
import { Dialog } from '../../components';
import {
  DialogFormFooter,
  FormErrorNotice,
  type DialogOpenProps,
} from '../../components/FormParts';
import { useSchemaForm } from '../../lib/useSchemaForm';
import { trpc } from '../../lib/trpc';
import { NewPasswordField } from './NewPasswordField';

export function ResetPasswordDialog({
  user,
  open,
  onOpenChange,
}: DialogOpenProps & { user: AdminUserView }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Reset password"
      description={`Set a new password for ${user.email}.`}
    >
      <ResetPasswordForm
        user={user}
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function ResetPasswordForm({ user, onDone }: { user: AdminUserView; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const form = useSchemaForm();

  const reset = trpc.admin.users.resetPassword.useMutation({
    onSuccess: () => {
      toast.success(`Password reset for ${user.email}.`);
      onDone();
    },
    onError: (error) => {
      form.showServerError(error);
    },
  });

  const submit = form.handleSubmit(adminResetPasswordInput, { id: user.id, password }, (data) => {
    reset.mutate(data);
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Reset password">
      <FormErrorNotice message={form.formError} />
      <NewPasswordField
        label="New password"
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        autoFocus
      />
      <DialogFormFooter pending={reset.isPending}>Reset password</DialogFormFooter>
    </form>
  );
}
