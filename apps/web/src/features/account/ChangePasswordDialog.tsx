import { changePasswordInput, LIMITS } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Notice,
  PasswordInput,
} from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';

export function ChangePasswordDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      toast.success('Password changed. Your other sessions were signed out.');
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
    const result = validate(changePasswordInput, { currentPassword, newPassword });
    const nextErrors = { ...result.errors };
    if (!nextErrors.newPassword && confirm !== newPassword) {
      nextErrors.confirm = 'The passwords do not match';
    }
    setErrors(nextErrors);
    setFormError(null);
    if (!result.success || nextErrors.confirm) return;
    change.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field label="Current password" error={errors.currentPassword}>
        <PasswordInput
          autoComplete="current-password"
          autoFocus
          value={currentPassword}
          onChange={(e) => {
            setCurrentPassword(e.target.value);
          }}
        />
      </Field>
      <Field
        label="New password"
        hint={`At least ${LIMITS.passwordMin} characters.`}
        error={errors.newPassword}
      >
        <PasswordInput
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => {
            setNewPassword(e.target.value);
          }}
        />
      </Field>
      <Field label="Confirm new password" error={errors.confirm}>
        <PasswordInput
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => {
            setConfirm(e.target.value);
          }}
        />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={change.isPending}>
          Change password
        </Button>
      </DialogFooter>
    </form>
  );
}
