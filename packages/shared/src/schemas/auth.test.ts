import { describe, expect, it } from 'vitest';
import { createTokenInput, emailSchema, loginInput, setupInput } from './auth.js';

describe('auth schemas', () => {
  it('normalises emails and rejects malformed ones', () => {
    expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of [
      '',
      'ada',
      'ada@',
      '@example.com',
      'a b@example.com',
      `${'a'.repeat(250)}@x.io`,
    ]) {
      expect(emailSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('applies password length rules to new passwords only', () => {
    expect(setupInput.safeParse({ email: 'a@b.co', password: 'short' }).success).toBe(false);
    expect(setupInput.safeParse({ email: 'a@b.co', password: 'long enough' }).success).toBe(true);
    // Logging in with a short (legacy) password is a credentials question, not a validation one.
    expect(loginInput.safeParse({ email: 'a@b.co', password: 'short' }).success).toBe(true);
    expect(loginInput.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });

  it('bounds API token names and expiry', () => {
    expect(createTokenInput.safeParse({ name: ' cli ' }).data).toEqual({ name: 'cli' });
    expect(createTokenInput.safeParse({ name: 'x', expiresInDays: 0 }).success).toBe(false);
    expect(createTokenInput.safeParse({ name: 'x', expiresInDays: 4000 }).success).toBe(false);
  });
});
