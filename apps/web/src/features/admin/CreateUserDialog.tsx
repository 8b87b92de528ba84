import { adminCreateUserInput, type UserRole } from '@margin/shared';
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
import { EmailField, NameField } from '../auth/fields';
import { NewPasswordField } from './NewPasswordField';
import { ROLE_OPTIONS } from './roles';

export function CreateUserDialog({ open, onOpenChange }: DialogOpenProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Create user"
      description="They can sign in right away with this email and password."
    >
      <CreateUserForm
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const utils = trpc.useUtils();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('user');
  const form = useSchemaForm();

  const create = trpc.admin.users.create.useMutation({
    onSuccess: (user) => {
      void utils.admin.users.list.invalidate();
      toast.success(`Created ${user.email}.`);
      onDone();
    },
    onError: (error) => {
      form.showServerError(error);
    },
  });

  const submit = form.handleSubmit(
    adminCreateUserInput,
    { email, password, role, name: name.trim() === '' ? undefined : name },
    (data) => {
      create.mutate(data);
    },
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create user">
      <FormErrorNotice message={form.formError} />
      <EmailField
        value={email}
        onChange={setEmail}
        error={form.errors.email}
        autoComplete="off"
        autoFocus
      />
      <NameField
        value={name}
        onChange={setName}
        error={form.errors.name}
        hint="Optional."
        autoComplete="off"
      />
      <NewPasswordField
        label="Password"
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        name="password"
      />
      <Field label="Role" error={form.errors.role}>
        <Select value={role} onValueChange={setRole} options={ROLE_OPTIONS} />
      </Field>
      <DialogFormFooter pending={create.isPending}>Create user</DialogFormFooter>
    </form>
  );
}
