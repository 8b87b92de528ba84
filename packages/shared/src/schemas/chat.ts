import { z } from 'zod';

export const CHAT_LIMITS = {
  textMax: 100_000,
  instructionsMax: 10_000,
  modelsMax: 4,
  historyTurnsMax: 100,
  historyMessageIdsMax: 200,
  promptNamesMax: 10,
  codeMax: 100_000,
  contextMax: 20_000,
} as const;

export const DETAIL_LEVELS = [1, 2, 3, 4] as const;

const idSchema = z.string().min(1).max(64);

export const chatOptionsSchema = z.object({
  /** One assistant message per model, streamed in parallel. */
  models: z.array(z.string().min(1).max(200)).min(1).max(CHAT_LIMITS.modelsMax).optional(),
  historyTurns: z
    .union([
      z.number().int().min(0).max(CHAT_LIMITS.historyTurnsMax),
      z.literal('all'),
      z.literal('none'),
    ])
    .optional(),
  historyMessageIds: z.array(idSchema).max(CHAT_LIMITS.historyMessageIdsMax).optional(),
  detail: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  useMemoryPad: z.boolean().optional(),
  /** false: nothing is saved (like `/temp`). */
  persist: z.boolean().optional(),
  promptNames: z.array(z.string().min(1).max(64)).max(CHAT_LIMITS.promptNamesMax).optional(),
  instructions: z.string().max(CHAT_LIMITS.instructionsMax).optional(),
  attachedClaimIds: z.array(idSchema).max(50).optional(),
  documentIds: z.array(idSchema).max(50).optional(),
});
export type ChatOptions = z.infer<typeof chatOptionsSchema>;

export const chatSendInput = z.object({
  conversationId: idSchema,
  text: z
    .string()
    .max(
      CHAT_LIMITS.textMax,
      `A message can be at most ${CHAT_LIMITS.textMax.toLocaleString('en-US')} characters`,
    )
    .refine((t) => t.trim().length > 0, 'Type a message first'),
  options: chatOptionsSchema.optional(),
  /** Optional client-chosen job id (UUID): follow it with `waitForStart` while sending. */
  jobId: z.uuid().optional(),
});
export type ChatSendInput = z.infer<typeof chatSendInput>;

export interface ChatSendResult {
  userMessageId: string;
  assistantMessageIds: string[];
  jobId: string;
  /** false when nothing was saved (`/temp` or `persist: false`): the ids are only for display. */
  persisted: boolean;
}

export const codingHelpInput = z.object({
  conversationId: idSchema,
  code: z.string().max(CHAT_LIMITS.codeMax).optional(),
  context: z.string().max(CHAT_LIMITS.contextMax).optional(),
});

export interface ChatModel {
  id: string;
  label: string;
  vision: boolean;
  isDefault: boolean;
}
