import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random secret with `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * sha256 is the right hash for high-entropy random tokens (sessions, API tokens, share links):
 * they cannot be guessed, so a slow KDF adds nothing, and lookups stay indexable.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
