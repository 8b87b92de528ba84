/**
 * The account fields the sign-in, setup, admin and password forms share, and the sign-in and
 * setup pages' submit button. Each field is a labelled <Field> around one control; the props a
 * form varies (autoComplete, autoFocus, inputMode, name) pass through to the input.
 */
import { LIMITS } from '@margin/shared';
import type { ReactNode } from 'react';
import { Button, Field, Input, PasswordInput } from '../../components';
import type { InputProps } from '../../components/Input';

type TextFieldProps = Omit<InputProps, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
};

/** Under a field where someone chooses a password. */
export const NEW_PASSWORD_HINT = `At least ${LIMITS.passwordMin} characters.`;

export function EmailField({ value, onChange, error, ...input }: TextFieldProps) {
  return (
    <Field label="Email" error={error}>
      <Input
        type="email"
        name="email"
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </Field>
  );
}

export function NameField({
  value,
  onChange,
  error,
  hint,
  ...input
}: TextFieldProps & { hint?: ReactNode }) {
  return (
    <Field label="Name" hint={hint} error={error}>
      <Input
        name="name"
        maxLength={LIMITS.nameMax}
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </Field>
  );
}

export function PasswordField({
  label,
  value,
  onChange,
  error,
  hint,
  ...input
}: TextFieldProps & { label: string; hint?: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={error}>
      <PasswordInput
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </Field>
  );
}

/** The full-width primary button of the sign-in and setup pages. */
export function AuthSubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <Button type="submit" variant="primary" size="lg" loading={pending} className="w-full">
      {children}
    </Button>
  );
}
