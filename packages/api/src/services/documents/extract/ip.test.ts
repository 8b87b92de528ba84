import { describe, expect, it } from 'vitest';

import { DocumentRejected } from './errors.js';
import { assertPublicAddress, classifyAddress } from './ip.js';

describe('classifyAddress', () => {
  it.each([
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '127.0.0.1',
    '127.8.9.10',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '[::1]',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
  ])('%s is private', (address) => {
    expect(classifyAddress(address)).toBe('private');
    expect(() => assertPublicAddress(address)).toThrow(
      'That address points to a private network, which Margin does not fetch.',
    );
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
      expect(() => assertPublicAddress(address)).not.toThrow();
    },
  );

  it('flags what is not an address', () => {
    expect(classifyAddress('example.com')).toBe('invalid');
    expect(() => assertPublicAddress('example.com')).toThrow(DocumentRejected);
  });
});
