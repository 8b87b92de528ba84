import { z } from 'zod';

export const PROFILE_LIMITS = {
  fieldMax: 20_000,
} as const;

const profileText = (label: string) =>
  z
    .string()
    .max(
      PROFILE_LIMITS.fieldMax,
      `${label} can be at most ${PROFILE_LIMITS.fieldMax.toLocaleString('en-US')} characters`,
    );

/** Fields left out keep their current value; an empty string clears one. */
export const updateProfileInput = z
  .object({
    memory: profileText('What Margin knows about you').optional(),
    preferences: profileText('Your answer preferences').optional(),
  })
  .refine(
    (p) => p.memory !== undefined || p.preferences !== undefined,
    'Give memory, preferences or both',
  );

export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export interface UserProfile {
  /** "What you know about me". */
  memory: string;
  /** "How I want answers". */
  preferences: string;
  /** Null until the profile is first saved. */
  updatedAt: Date | null;
}
