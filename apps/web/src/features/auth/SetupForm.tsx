import { LIMITS, setupInput, type User } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { Button, Field, Input, Notice, PasswordInput } from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';

export function SetupForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setup = trpc.auth.setup.useMutation({
    onSuccess: onCreated,
    onError: (error) => {
      const fields = getFieldErrors(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : getErrorMessage(error));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(setupInput, {
      email,
      password,
      name: name.trim() === '' ? undefined : name,
    });
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    setup.mutate(result.data);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-5"
      aria-label="Create admin account"
    >
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field label="Name" hint="Optional. Shown in the account menu." error={errors.name}>
        <Input
          name="name"
          autoComplete="name"
          autoFocus
          maxLength={LIMITS.nameMax}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </Field>
      <Field label="Email" error={errors.email}>
        <Input
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
          }}
        />
      </Field>
      <Field
        label="Password"
        hint={`At least ${LIMITS.passwordMin} characters.`}
        error={errors.password}
      >
        <PasswordInput
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
      </Field>
      <Button
        type="submit"
        variant="primary"
        size="lg"
        loading={setup.isPending}
        className="w-full"
      >
        Create admin account
      </Button>
    </form>
  );
}
