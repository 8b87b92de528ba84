import { changePasswordInput, loginInput, setupInput } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { initials, formatRelative } from './format';
import { validate } from './form';

describe('validate', () => {
  it('returns parsed data (normalised by the shared schema) when valid', () => {
    const result = validate(loginInput, {
      email: ' Ada@Example.COM ',
      password: 'x',
      remember: true,
    });
    expect(result).toEqual({
      success: true,
      data: { email: 'ada@example.com', password: 'x', remember: true },
      errors: {},
    });
  });

  it('returns the first message per field', () => {
    const result = validate(setupInput, { email: 'nope', password: 'short' });
    expect(result.success).toBe(false);
    expect(result.errors.email).toBe('Enter a valid email address');
    expect(result.errors.password).toMatch(/at least 8/);
    expect(
      validate(changePasswordInput, { currentPassword: '', newPassword: 'longenough' }).errors,
    ).toEqual({ currentPassword: 'Enter your password' });
  });
});

describe('format helpers', () => {
  it('builds initials', () => {
    expect(initials('Ada Lovelace', 'ada@example.com')).toBe('AL');
    expect(initials('', 'grace@example.com')).toBe('G');
    expect(initials('  cher ', 'c@example.com')).toBe('C');
  });

  it('formats relative times', () => {
    const now = new Date('2025-01-10T12:00:00Z');
    expect(formatRelative(new Date('2025-01-10T11:59:50Z'), now)).toBe('just now');
    expect(formatRelative(new Date('2025-01-10T09:00:00Z'), now)).toMatch(/3 hours ago/);
  });
});
