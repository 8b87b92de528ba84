import { adminCreateUserInput, LIMITS, type UserRole } from '@margin/shared';
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
import { NewPasswordField } from './NewPasswordField';
import { ROLE_OPTIONS } from './roles';

export function CreateUserDialog({
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const create = trpc.admin.users.create.useMutation({
    onSuccess: (user) => {
      void utils.admin.users.list.invalidate();
      toast.success(`Created ${user.email}.`);
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
    const result = validate(adminCreateUserInput, {
      email,
      password,
      role,
      name: name.trim() === '' ? undefined : name,
    });
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    create.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create user">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field label="Email" error={errors.email}>
        <Input
          type="email"
          name="email"
          autoComplete="off"
          autoFocus
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
      </Field>
      <Field label="Name" hint="Optional." error={errors.name}>
        <Input
          name="name"
          autoComplete="off"
          maxLength={LIMITS.nameMax}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </Field>
      <NewPasswordField
        label="Password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        name="password"
      />
      <Field label="Role" error={errors.role}>
        <Select value={role} onValueChange={setRole} options={ROLE_OPTIONS} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create user
        </Button>
      </DialogFooter>
    </form>
  );
}
