import { z } from 'zod';
import type { Domain } from '../constants.js';
import { colorSchema, domainSchema, entityIdSchema, type Color } from './workspaces.js';

export const CONVERSATION_LIMITS = {
  titleMax: 200,
  memoryPadMax: 50_000,
  listDefault: 50,
  listMax: 200,
  /** Opaque paging cursors are short; anything longer is not one of ours. */
  cursorMax: 200,
  searchQueryMax: 500,
  searchDefault: 20,
  searchMax: 100,
  shareTokenMax: 128,
  /** Visible messages included in `conversations.getHistory`. */
  historyMessages: 10,
  /** Temporary chats idle for longer than this are removed when their owner lists conversations. */
  statelessMaxIdleMs: 60 * 60 * 1000,
} as const;

/** Matched terms in `conversations.search` snippets are wrapped in these two characters. */
export const SEARCH_HIGHLIGHT = { start: '\u0002', end: '\u0003' } as const;

export const EXPORT_FORMATS = ['markdown', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const conversationTitleSchema = z
  .string()
  .trim()
  .min(1, 'The title cannot be empty')
  .max(
    CONVERSATION_LIMITS.titleMax,
    `Titles are at most ${CONVERSATION_LIMITS.titleMax} characters`,
  );

export const conversationByIdInput = z.object({ id: entityIdSchema });

export const listConversationsInput = z.object({
  domain: domainSchema,
  workspaceId: entityIdSchema.optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(CONVERSATION_LIMITS.cursorMax).optional(),
  limit: z.number().int().min(1).max(CONVERSATION_LIMITS.listMax).optional(),
  /** The temporary chat open right now: never removed by the idle clean-up of this call. */
  keepId: entityIdSchema.optional(),
});

export const createConversationInput = z.object({
  domain: domainSchema,
  /** Absent = the domain's default workspace. */
  workspaceId: entityIdSchema.optional(),
  /** Start as a temporary chat. */
  stateless: z.boolean().optional(),
});

export const renameConversationInput = z.object({
  id: entityIdSchema,
  title: conversationTitleSchema,
});

export const setConversationFlagInput = z.object({
  id: entityIdSchema,
  flag: colorSchema.nullable(),
});

export const setConversationStatelessInput = z.object({
  id: entityIdSchema,
  stateless: z.boolean(),
});

export const setMemoryPadInput = z.object({
  id: entityIdSchema,
  text: z
    .string()
    .max(
      CONVERSATION_LIMITS.memoryPadMax,
      `The memory pad is at most ${CONVERSATION_LIMITS.memoryPadMax} characters`,
    ),
});

export const sharedConversationInput = z.object({
  token: z.string().min(1).max(CONVERSATION_LIMITS.shareTokenMax),
});

export const exportConversationInput = z.object({
  id: entityIdSchema,
  format: z.enum(EXPORT_FORMATS),
});

export const searchConversationsInput = z.object({
  query: z
    .string()
    .max(
      CONVERSATION_LIMITS.searchQueryMax,
      `Search text is at most ${CONVERSATION_LIMITS.searchQueryMax} characters`,
    ),
  domain: domainSchema.optional(),
  limit: z.number().int().min(1).max(CONVERSATION_LIMITS.searchMax).optional(),
});

/** One sidebar row. */
export interface ConversationSummary {
  id: string;
  title: string;
  workspaceId: string;
  domain: Domain;
  flag: Color | null;
  /** Temporary chat: deleted when the user leaves it. */
  stateless: boolean;
  lastActivityAt: Date;
  createdAt: Date;
  /** A public read-only link exists. */
  shared: boolean;
}

export interface Conversation extends ConversationSummary {
  /** Running summary of the conversation so far. */
  summary: string;
  memoryPad: string;
  /** Renamed by hand: automatic titling leaves the title alone. */
  titleLocked: boolean;
  workspace: { id: string; name: string; color: Color | null };
  /** Present (non-null) only while shared. */
  shareToken: string | null;
  /** `/shared/<token>` while shared, else null. */
  sharePath: string | null;
}

export interface ConversationPage {
  items: ConversationSummary[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ShareLink {
  token: string;
  path: string;
}

export interface SharedMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: Date;
  model: string | null;
}

export interface SharedDocument {
  id: string;
  ordinal: number;
  title: string;
  filename: string;
  mimeType: string;
}

/** What the public read-only page gets: nothing private (owner, memory pad, summary, hidden messages). */
export interface SharedConversation {
  conversation: {
    id: string;
    title: string;
    domain: Domain;
    createdAt: Date;
    lastActivityAt: Date;
  };
  messages: SharedMessage[];
  documents: SharedDocument[];
}

export interface ConversationExport {
  filename: string;
  content: string;
}

export interface ConversationSearchHit {
  conversationId: string;
  messageId: string;
  title: string;
  /** Plain text around the match; matched terms wrapped in SEARCH_HIGHLIGHT.start/end. */
  snippet: string;
}

export type ListConversationsInput = z.infer<typeof listConversationsInput>;
export type CreateConversationInput = z.infer<typeof createConversationInput>;
export type SearchConversationsInput = z.infer<typeof searchConversationsInput>;
