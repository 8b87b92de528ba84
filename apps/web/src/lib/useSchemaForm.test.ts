import { describe, expect, it } from 'vitest';
import { serverErrorState } from './useSchemaForm';

const zodFailure = (fieldErrors: Record<string, string[]>, formErrors: string[] = []) =>
  Object.assign(new Error('[{"code":"too_small"}]'), {
    data: { code: 'BAD_REQUEST', httpStatus: 400, zodError: { formErrors, fieldErrors } },
  });

describe('serverErrorState', () => {
  it('puts field messages under their fields and nothing above the form', () => {
    expect(serverErrorState(zodFailure({ email: ['Enter a valid email address'] }))).toEqual({
      errors: { email: 'Enter a valid email address' },
      formError: null,
    });
  });

  it('shows any other failure as one message above the form', () => {
    const conflict = Object.assign(new Error('A user with this email already exists'), {
      data: { code: 'CONFLICT', httpStatus: 409 },
    });
    expect(serverErrorState(conflict)).toEqual({
      errors: {},
      formError: 'A user with this email already exists',
    });
  });

  it('uses the fallback for a message that is not for people', () => {
    const raw = Object.assign(new Error('{"raw":true}'), { data: { code: 'UNAUTHORIZED' } });
    expect(serverErrorState(raw, 'Incorrect email or password.').formError).toBe(
      'Incorrect email or password.',
    );
    expect(serverErrorState(raw).formError).toBe('Something went wrong. Please try again.');
  });

  it('shows a form-level validation message above the form', () => {
    expect(serverErrorState(zodFailure({}, ['Nothing to update']))).toEqual({
      errors: {},
      formError: 'Nothing to update',
    });
  });
});
