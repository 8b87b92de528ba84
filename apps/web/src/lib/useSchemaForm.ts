import { useState, type SubmitEvent } from 'react';
import type { z } from 'zod';
import { getErrorMessage, getFieldErrors } from './errors';
import { validate, type FieldErrors } from './form';

export interface FormErrorState {
  /** Messages shown under their fields, keyed by field name. */
  errors: FieldErrors;
  /** One message above the form, for failures no field explains. */
  formError: string | null;
}

/**
 * What a failed request shows: the server's field messages under their fields, or else one
 * sentence above the form (`fallback` replaces a message that is not for people).
 */
export function serverErrorState(error: unknown, fallback?: string): FormErrorState {
  const errors = getFieldErrors(error);
  return {
    errors,
    formError: Object.keys(errors).length > 0 ? null : getErrorMessage(error, fallback),
  };
}

/**
 * The error state of a form that checks its values with a shared zod schema (the one the server
 * uses) before it sends them, and shows the server's answer when the request fails.
 */
export function useSchemaForm() {
  const [state, setState] = useState<FormErrorState>({ errors: {}, formError: null });

  /** Before sending: the client-side check's messages; an earlier server message goes. */
  const showValidation = (errors: FieldErrors) => {
    setState({ errors, formError: null });
  };

  return {
    ...state,
    showValidation,
    showServerError: (error: unknown, fallback?: string) => {
      setState(serverErrorState(error, fallback));
    },
    /** A submit handler: checks `values` with `schema` and sends the parsed data when valid. */
    handleSubmit:
      <S extends z.ZodType>(schema: S, values: unknown, send: (data: z.output<S>) => void) =>
      (event: SubmitEvent) => {
        event.preventDefault();
        const result = validate(schema, values);
        showValidation(result.errors);
        if (result.success) send(result.data);
      },
  };
}
