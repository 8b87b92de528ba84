import { adminResetPasswordInput, type AdminUserView } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import { Button, Dialog, DialogClose, DialogFooter, Notice } from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import { NewPasswordField } from './NewPasswordField';

export function ResetPasswordDialog({
  user,
  open,
  onOpenChange,
}: {
  user: AdminUserView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const reset = trpc.admin.users.resetPassword.useMutation({
    onSuccess: () => {
      toast.success(`Password reset for ${user.email}.`);
      onDone();
    },
    onError: (error) => {
      const fields = getFieldErrors(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : getErrorMessage(error));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(adminResetPasswordInput, { id: user.id, password });
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    reset.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Reset password">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <NewPasswordField
        label="New password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoFocus
      />
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={reset.isPending}>
          Reset password
        </Button>
      </DialogFooter>
    </form>
  );
}
