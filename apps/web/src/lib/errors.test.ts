import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { getErrorCode, getErrorMessage, getFieldErrors, isClientError } from './errors';

function trpcError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('getErrorMessage', () => {
  it('shows the first field message of a zod error instead of the raw JSON message', () => {
    const error = trpcError('[{"code":"invalid_format","path":["email"]}]', {
      code: 'BAD_REQUEST',
      httpStatus: 400,
      zodError: {
        formErrors: [],
        fieldErrors: { email: ['Enter a valid email address'], password: ['Too short'] },
      },
    });
    expect(getErrorMessage(error)).toBe('Enter a valid email address');
    expect(getFieldErrors(error)).toEqual({
      email: 'Enter a valid email address',
      password: 'Too short',
    });
  });

  it('prefers form-level zod messages', () => {
    const error = trpcError('x', {
      code: 'BAD_REQUEST',
      zodError: { formErrors: ['Nothing to update'], fieldErrors: { name: ['Bad'] } },
    });
    expect(getErrorMessage(error)).toBe('Nothing to update');
  });

  it("uses the server's message for ordinary tRPC errors", () => {
    const error = trpcError('Incorrect email or password', {
      code: 'UNAUTHORIZED',
      httpStatus: 401,
      zodError: null,
    });
    expect(getErrorMessage(error)).toBe('Incorrect email or password');
    expect(getErrorCode(error)).toBe('UNAUTHORIZED');
    expect(getFieldErrors(error)).toEqual({});
  });

  it('explains network failures', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(getErrorMessage(error)).toMatch(/can't reach the server/i);
  });

  it('falls back for unknown values and raw payloads', () => {
    expect(getErrorMessage(undefined)).toBe('Something went wrong. Please try again.');
    expect(getErrorMessage(new Error('{"oops":1}'), 'Fallback')).toBe('Fallback');
    expect(getErrorMessage('Plain text')).toBe('Plain text');
    expect(getErrorMessage(new Error('Disk full'))).toBe('Disk full');
  });
});

describe('isClientError', () => {
  it('is true for 4xx codes and false for server errors', () => {
    for (const code of [
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'BAD_REQUEST',
      'TOO_MANY_REQUESTS',
    ]) {
      expect(isClientError(trpcError('x', { code }))).toBe(true);
    }
    expect(isClientError(trpcError('x', { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 }))).toBe(
      false,
    );
    expect(isClientError(new Error('boom'))).toBe(false);
  });
});
