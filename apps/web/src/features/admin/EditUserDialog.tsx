import { adminUpdateUserInput, type AdminUserView, type UserRole } from '@margin/shared';
import { useState } from 'react';
import { toast } from 'sonner';
import { Dialog, Field, Select } from '../../components';
import {
  DialogFormFooter,
  FormErrorNotice,
  type DialogOpenProps,
} from '../../components/FormParts';
import { useSchemaForm } from '../../lib/useSchemaForm';
import { trpc } from '../../lib/trpc';
import { NameField } from '../auth/fields';
import { ROLE_OPTIONS } from './roles';

export function EditUserDialog({
  user,
  isSelf,
  open,
  onOpenChange,
}: DialogOpenProps & { user: AdminUserView; isSelf: boolean }) {
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
  const form = useSchemaForm();

  const update = trpc.admin.users.update.useMutation({
    onSuccess: () => {
      void utils.admin.users.list.invalidate();
      if (isSelf) void utils.auth.status.invalidate();
      toast.success('User updated.');
      onDone();
    },
    onError: (error) => {
      form.showServerError(error);
    },
  });

  const submit = form.handleSubmit(
    adminUpdateUserInput,
    {
      id: user.id,
      name: name.trim() !== user.name ? name : undefined,
      role: role !== user.role ? role : undefined,
    },
    (data) => {
      if (data.name === undefined && data.role === undefined) onDone();
      else update.mutate(data);
    },
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Edit user">
      <FormErrorNotice message={form.formError} />
      <NameField
        value={name}
        onChange={setName}
        error={form.errors.name}
        autoComplete="off"
        autoFocus
      />
      <Field
        label="Role"
        error={form.errors.role}
        hint={
          isSelf ? 'Careful: if you make yourself a user you lose access to this page.' : undefined
        }
      >
        <Select value={role} onValueChange={setRole} options={ROLE_OPTIONS} />
      </Field>
      <DialogFormFooter pending={update.isPending}>Save changes</DialogFormFooter>
    </form>
  );
}
