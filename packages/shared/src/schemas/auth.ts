import { z } from 'zod';
import { LIMITS, USER_ROLES } from '../constants.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMax, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

export const newPasswordSchema = z
  .string()
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `Password must be at most ${LIMITS.passwordMax} characters`);

/** Login accepts any non-empty password up to the max: length rules apply only when one is set. */
const passwordInputSchema = z
  .string()
  .min(1, 'Enter your password')
  .max(LIMITS.passwordMax, 'Password is too long');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(LIMITS.nameMax, `Name must be at most ${LIMITS.nameMax} characters`);

export const userRoleSchema = z.enum(USER_ROLES);

export const setupInput = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: displayNameSchema.optional(),
});

export const loginInput = z.object({
  email: emailSchema,
  password: passwordInputSchema,
  remember: z.boolean().optional(),
});

export const changePasswordInput = z.object({
  currentPassword: passwordInputSchema,
  newPassword: newPasswordSchema,
});

export const createTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name')
    .max(LIMITS.tokenNameMax, `Token name must be at most ${LIMITS.tokenNameMax} characters`),
  expiresInDays: z.number().int().min(1).max(LIMITS.tokenMaxExpiryDays).optional(),
});

export const idInput = z.object({ id: z.string().min(1).max(64) });

export const adminCreateUserInput = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: displayNameSchema.optional(),
  role: userRoleSchema.optional(),
});

export const adminUpdateUserInput = z.object({
  id: z.string().min(1).max(64),
  name: displayNameSchema.optional(),
  role: userRoleSchema.optional(),
  disabled: z.boolean().optional(),
});

export const adminResetPasswordInput = z.object({
  id: z.string().min(1).max(64),
  password: newPasswordSchema,
});

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  createdAt: Date;
}

export interface AdminUserView extends User {
  disabled: boolean;
  lastLoginAt: Date | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  /** First characters of the token, enough to recognise it; the secret is never returned again. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export type SetupInput = z.infer<typeof setupInput>;
export type LoginInput = z.infer<typeof loginInput>;
