import { Field, PasswordInput } from '../../components';
import { LIMITS } from '@margin/shared';
import { generatePassword } from './password';

/** A password an admin sets for someone else, with a "Generate" shortcut. */
export function NewPasswordField({
  label,
  value,
  onChange,
  error,
  autoFocus,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  autoFocus?: boolean;
  name?: string;
}) {
  return (
    <Field
      label={label}
      hint={`At least ${LIMITS.passwordMin} characters. Share it with them securely.`}
      error={error}
      labelAside={
        <button
          type="button"
          className="rounded text-xs font-medium text-accent-text hover:underline"
          onClick={() => {
            onChange(generatePassword());
          }}
        >
          Generate
        </button>
      }
    >
      <PasswordInput
        name={name}
        autoComplete="new-password"
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </Field>
  );
}
