import { adminUpdateUserInput, LIMITS, type AdminUserView, type UserRole } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Input,
  Notice,
  Select,
} from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import { ROLE_OPTIONS } from './roles';

export function EditUserDialog({
  user,
  isSelf,
  open,
  onOpenChange,
}: {
  user: AdminUserView;
  isSelf: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Edit user" description={user.email}>
      <EditUserForm
        user={user}
        isSelf={isSelf}
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function EditUserForm({
  user,
  isSelf,
  onDone,
}: {
  user: AdminUserView;
  isSelf: boolean;
  onDone: () => void;
}) {
  const utils = trpc.useUtils();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<UserRole>(user.role);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const update = trpc.admin.users.update.useMutation({
    onSuccess: () => {
      void utils.admin.users.list.invalidate();
      if (isSelf) void utils.auth.status.invalidate();
      toast.success('User updated.');
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
    const changes = {
      id: user.id,
      name: name.trim() !== user.name ? name : undefined,
      role: role !== user.role ? role : undefined,
    };
    const result = validate(adminUpdateUserInput, changes);
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    if (result.data.name === undefined && result.data.role === undefined) {
      onDone();
      return;
    }
    update.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Edit user">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field label="Name" error={errors.name}>
        <Input
          name="name"
          autoComplete="off"
          autoFocus
          maxLength={LIMITS.nameMax}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </Field>
      <Field
        label="Role"
        error={errors.role}
        hint={
          isSelf ? 'Careful: if you make yourself a user you lose access to this page.' : undefined
        }
      >
        <Select value={role} onValueChange={setRole} options={ROLE_OPTIONS} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save changes
        </Button>
      </DialogFooter>
    </form>
  );
}
