import { z } from 'zod';
import type { MessageStatus } from './messages.js';

export const DOUBT_LIMITS = {
  questionMax: 20_000,
  answerMax: 200_000,
  historyMax: 20,
  selectionMax: 20_000,
} as const;

const id = z.string().min(1).max(64);

export const askDoubtInput = z.object({
  conversationId: id,
  messageId: id,
  question: z.string().max(DOUBT_LIMITS.questionMax).optional(),
  /** Follow-up: the doubt this one continues (any node: threads may branch). */
  parentId: id.optional(),
});

/** Keeps a quick-action exchange as a doubt on its message, without asking the model again. */
export const saveDoubtInput = z.object({
  conversationId: id,
  messageId: id,
  question: z.string().trim().min(1, 'The question is empty').max(DOUBT_LIMITS.questionMax),
  answer: z.string().trim().min(1, 'The answer is empty').max(DOUBT_LIMITS.answerMax),
  parentId: id.optional(),
});

export const listDoubtsInput = z.object({ conversationId: id, messageId: id });
export const doubtIdInput = z.object({ id });

export interface Doubt {
  id: string;
  conversationId: string;
  messageId: string;
  parentId: string | null;
  question: string;
  answer: string;
  status: MessageStatus;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DoubtNode extends Doubt {
  children: DoubtNode[];
}

export const LLM_ACTIONS = ['explain', 'critique', 'expand', 'eli5', 'ask'] as const;
export type LlmAction = (typeof LLM_ACTIONS)[number];

export const runLlmActionInput = z.object({
  action: z.enum(LLM_ACTIONS),
  selectedText: z
    .string()
    .max(DOUBT_LIMITS.selectionMax)
    .refine((t) => t.trim().length > 0, 'Select some text first'),
  question: z.string().max(DOUBT_LIMITS.questionMax).optional(),
  conversationId: id.optional(),
  messageId: id.optional(),
  withContext: z.boolean().optional(),
  history: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        content: z.string().max(DOUBT_LIMITS.answerMax),
      }),
    )
    .max(DOUBT_LIMITS.historyMax)
    .optional(),
});
export type RunLlmActionInput = z.infer<typeof runLlmActionInput>;
