import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

export type ValidationResult<T> =
  | { success: true; data: T; errors: FieldErrors }
  | { success: false; data?: undefined; errors: FieldErrors };

/**
 * Validates form values with a shared zod schema (the same one the server uses) and returns the
 * first message per field, keyed by field name; form-level messages are under `_form`.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): ValidationResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    errors[key] ??= issue.message;
  }
  return { success: false, errors };
}
