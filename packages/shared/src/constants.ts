/** Domains (sidebar tabs). Each has its own workspaces and conversations. */
export const DOMAINS = ['assistant', 'search', 'finchat'] as const;
export type Domain = (typeof DOMAINS)[number];

export const USER_ROLES = ['admin', 'user'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Size limits shared by server validation and client-side hints. */
export const LIMITS = {
  emailMax: 254,
  nameMax: 100,
  passwordMin: 8,
  passwordMax: 256,
  tokenNameMax: 100,
  tokenMaxExpiryDays: 3650,
} as const;

/** Prefix of personal API tokens, so they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'mgn_';
