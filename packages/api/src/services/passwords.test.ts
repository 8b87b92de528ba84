import { describe, expect, it } from 'vitest';
import { defaultAuthConfig } from '../config.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with the production scrypt cost and verifies', async () => {
    const hash = await hashPassword('pässword one', defaultAuthConfig.scrypt);
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('pässword one', hash)).toBe(true);
    expect(await verifyPassword('pässword two', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('same', params)).not.toBe(await hashPassword('same', params));
  });

  it('normalises unicode so the same visible password matches', async () => {
    const hash = await hashPassword('caf\u00e9', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$a$b')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1024$8$1$$')).toBe(false);
    expect(await verifyAgainstDummy('x', { N: 1024, r: 8, p: 1 })).toBe(false);
  });
});
