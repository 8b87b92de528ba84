import { z } from 'zod';

export const JOB_KINDS = [
  'reply',
  'coding_hint',
  'coding_solution',
  'doubt',
  'quick_action',
  'indexing',
  'tts',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Events of `jobs.follow`. Exactly one of done / error / cancelled ends every job. */
export type JobEvent =
  | { type: 'status'; text: string }
  | { type: 'delta'; messageId?: string; text: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; messageIds?: string[] }
  | { type: 'error'; message: string }
  | { type: 'cancelled' };

export type TerminalJobEvent = Extract<JobEvent, { type: 'done' | 'error' | 'cancelled' }>;
export type ProgressJobEvent = Exclude<JobEvent, TerminalJobEvent>;

export type JobStatus = 'running' | 'done' | 'error' | 'cancelled' | 'interrupted';

export interface JobView {
  id: string;
  kind: JobKind;
  status: JobStatus;
  conversationId: string | null;
  error: string | null;
  messageIds: string[];
  createdAt: Date;
  finishedAt: Date | null;
  /** When the job last produced an event (running jobs); used to spot stuck generations. */
  lastActivityAt: Date | null;
}

export const jobIdSchema = z.string().min(1).max(64);

export const followJobInput = z.object({
  jobId: jobIdSchema,
  /** Set automatically by the SSE link on reconnect: events after it are replayed. */
  lastEventId: z.string().max(20).nullish(),
  /**
   * For a job id the client chose itself: wait up to 10 s for the job to start instead of
   * answering NOT_FOUND at once (subscribe and send in parallel, saving a round trip).
   */
  waitForStart: z.boolean().optional(),
});

export const jobIdInput = z.object({ jobId: jobIdSchema });

export const activeJobsInput = z
  .object({ conversationId: z.string().min(1).max(64).optional() })
  .optional();

export const cancelInput = z.union([
  z.object({ jobId: jobIdSchema }),
  z.object({ conversationId: z.string().min(1).max(64), kind: z.enum(JOB_KINDS).optional() }),
]);
