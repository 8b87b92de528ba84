import { setupInput, type User } from '@margin/shared';
import { useState } from 'react';
import { FormErrorNotice } from '../../components/FormParts';
import { useSchemaForm } from '../../lib/useSchemaForm';
import { trpc } from '../../lib/trpc';
import {
  AuthSubmitButton,
  EmailField,
  NameField,
  NEW_PASSWORD_HINT,
  PasswordField,
} from './fields';

export function SetupForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSchemaForm();

  const setup = trpc.auth.setup.useMutation({
    onSuccess: onCreated,
    onError: (error) => {
      form.showServerError(error);
    },
  });

  const submit = form.handleSubmit(
    setupInput,
    { email, password, name: name.trim() === '' ? undefined : name },
    (data) => {
      setup.mutate(data);
    },
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-5"
      aria-label="Create admin account"
    >
      <FormErrorNotice message={form.formError} />
      <NameField
        value={name}
        onChange={setName}
        error={form.errors.name}
        hint="Optional. Shown in the account menu."
        autoComplete="name"
        autoFocus
      />
      <EmailField
        value={email}
        onChange={setEmail}
        error={form.errors.email}
        autoComplete="username"
        inputMode="email"
      />
      <PasswordField
        label="Password"
        hint={NEW_PASSWORD_HINT}
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        name="password"
        autoComplete="new-password"
      />
      <AuthSubmitButton pending={setup.isPending}>Create admin account</AuthSubmitButton>
    </form>
  );
}
