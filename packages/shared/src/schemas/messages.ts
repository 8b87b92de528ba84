import { z } from 'zod';

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const MESSAGE_STATUSES = [
  'complete',
  'streaming',
  'cancelled',
  'error',
  'interrupted',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_LIMITS = {
  contentMax: 200_000,
  pageDefault: 50,
  pageMax: 200,
  /** Messages one `messages.move` call may select. */
  moveMax: 1000,
} as const;

const messageIdSchema = z.string().min(1).max(64);

/** Edited text: at least one visible character, at most `MESSAGE_LIMITS.contentMax`. */
export const messageContentSchema = z
  .string()
  .max(
    MESSAGE_LIMITS.contentMax,
    `A message can be at most ${MESSAGE_LIMITS.contentMax.toLocaleString('en-US')} characters`,
  )
  .refine((s) => s.trim().length > 0, 'A message cannot be empty; delete it instead');

/**
 * Paged upward from the newest message. `cursor` is the `nextCursor` of the previous page (a
 * position: the next page holds messages strictly above it); omit it for the latest page.
 */
export const listMessagesInput = z.object({
  conversationId: z.string().min(1).max(64),
  cursor: z.number().int().min(0).nullish(),
  limit: z.number().int().min(1).max(MESSAGE_LIMITS.pageMax).optional(),
});

export const messageIdInput = z.object({ id: messageIdSchema });

export const editMessageInput = z.object({ id: messageIdSchema, content: messageContentSchema });

export const setMessageHiddenInput = z.object({ id: messageIdSchema, hidden: z.boolean() });

export const moveMessagesInput = z.object({
  conversationId: z.string().min(1).max(64),
  messageIds: z
    .array(messageIdSchema)
    .min(1, 'Select at least one message to move')
    .max(MESSAGE_LIMITS.moveMax, `Move at most ${MESSAGE_LIMITS.moveMax} messages at a time`),
  direction: z.enum(['up', 'down']),
});

export const deleteLastTurnInput = z.object({ conversationId: z.string().min(1).max(64) });

export type ListMessagesInput = z.infer<typeof listMessagesInput>;
export type MoveMessagesInput = z.infer<typeof moveMessagesInput>;

export interface Message {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  hidden: boolean;
  /** Dense 0-based order within the conversation. */
  position: number;
  status: MessageStatus;
  model: string | null;
  tldr: string | null;
  /** Why generation failed, when `status` is 'error'. */
  error: string | null;
  /** Texts this message has had, the current one included (1 = never edited). */
  versionCount: number;
  createdAt: Date;
  /** When the text last changed (hiding and reordering do not count). */
  updatedAt: Date;
}

export interface MessagePage {
  /** Ascending position order. */
  items: Message[];
  /** Pass as `cursor` to load older messages; null when this page reaches the first message. */
  nextCursor: number | null;
}

/**
 * One entry of `messages.versions`, oldest first. Earlier texts have `current: false` and
 * versions 1..n; the last entry is the current text (`current: true`, version n+1).
 * `createdAt` is when that text was written.
 */
export interface MessageVersion {
  version: number;
  content: string;
  createdAt: Date;
  current: boolean;
}

export interface MoveMessagesResult {
  /** False when the selection already touched the top (up) or bottom (down). */
  moved: boolean;
  /** Every message whose position changed, with its new position. */
  changed: { id: string; position: number }[];
}

export interface DeleteLastTurnResult {
  deletedIds: string[];
}
