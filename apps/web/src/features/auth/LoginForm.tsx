import { loginInput } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { Button, Checkbox, Field, Input, Notice, PasswordInput } from '../../components';
import { getErrorCode, getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import type { User } from '@margin/shared';

export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const login = trpc.auth.login.useMutation({
    onSuccess: onSignedIn,
    onError: (error) => {
      const fields = getFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length > 0) {
        setFormError(null);
        return;
      }
      const code = getErrorCode(error);
      setFormError(
        code === 'UNAUTHORIZED'
          ? getErrorMessage(error, 'Incorrect email or password.')
          : getErrorMessage(error),
      );
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(loginInput, { email, password, remember });
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    login.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label="Sign in">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field label="Email" error={errors.email}>
        <Input
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
      </Field>
      <Field label="Password" error={errors.password}>
        <PasswordInput
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
      </Field>
      <Checkbox
        checked={remember}
        onCheckedChange={setRemember}
        label="Keep me signed in"
        description="Stay signed in on this device for 30 days."
      />
      <Button
        type="submit"
        variant="primary"
        size="lg"
        loading={login.isPending}
        className="w-full"
      >
        Sign in
      </Button>
    </form>
  );
}
