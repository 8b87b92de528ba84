import { loginInput } from '@margin/shared';
import { useState } from 'react';
import { Checkbox } from '../../components';
import { FormErrorNotice } from '../../components/FormParts';
import { getErrorCode } from '../../lib/errors';
import { useSchemaForm } from '../../lib/useSchemaForm';
import { trpc } from '../../lib/trpc';
import type { User } from '@margin/shared';
import { AuthSubmitButton, EmailField, PasswordField } from './fields';

export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const form = useSchemaForm();

  const login = trpc.auth.login.useMutation({
    onSuccess: onSignedIn,
    onError: (error) => {
      form.showServerError(
        error,
        getErrorCode(error) === 'UNAUTHORIZED' ? 'Incorrect email or password.' : undefined,
      );
    },
  });

  const submit = form.handleSubmit(loginInput, { email, password, remember }, (data) => {
    login.mutate(data);
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label="Sign in">
      <FormErrorNotice message={form.formError} />
      <EmailField
        value={email}
        onChange={setEmail}
        error={form.errors.email}
        autoComplete="username"
        inputMode="email"
        autoFocus
      />
      <PasswordField
        label="Password"
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        name="password"
        autoComplete="current-password"
      />
      <Checkbox
        checked={remember}
        onCheckedChange={setRemember}
        label="Keep me signed in"
        description="Stay signed in on this device for 30 days."
      />
      <AuthSubmitButton pending={login.isPending}>Sign in</AuthSubmitButton>
    </form>
  );
}
