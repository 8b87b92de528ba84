import { z } from 'zod';

export const CODE_RUNNER_LANGUAGES = ['python', 'javascript'] as const;
export type CodeRunnerLanguage = (typeof CODE_RUNNER_LANGUAGES)[number];

export const CODE_RUNNER_LIMITS = {
  /** Largest program accepted, in UTF-16 code units (about 100 KB of ASCII). */
  codeMax: 100_000,
  timeoutMinMs: 1_000,
  timeoutMaxMs: 30_000,
  timeoutDefaultMs: 10_000,
  /** Bytes kept of each of stdout and stderr; the rest is dropped and `truncated` is set. */
  outputMaxBytes: 64 * 1024,
} as const;

export const codeRunnerLanguage = z.enum(CODE_RUNNER_LANGUAGES);

export const runCodeInput = z.object({
  language: codeRunnerLanguage,
  code: z.string().min(1, 'There is no code to run').max(CODE_RUNNER_LIMITS.codeMax),
  timeoutMs: z
    .number()
    .int()
    .min(CODE_RUNNER_LIMITS.timeoutMinMs)
    .max(CODE_RUNNER_LIMITS.timeoutMaxMs)
    .optional(),
});
export type RunCodeInput = z.infer<typeof runCodeInput>;

export interface RunCodeResult {
  /** The program's exit status; null when it was killed by a signal (timeout, limits, cancel). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The wall-clock limit ended the run. */
  timedOut: boolean;
  /** stdout or stderr went over the cap; what was kept is returned. */
  truncated: boolean;
  durationMs: number;
}
