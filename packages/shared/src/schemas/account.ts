/**
 * A whole account's data in one file (format 'margin-account', version 1): profile, workspaces,
 * conversations with their messages (and earlier versions), hidden sections, doubts, documents
 * (bytes as base64) and memory pins, personal prompts, and the memory export. Sessions, API
 * tokens, share links, jobs and read-aloud clips are not part of it: they are secrets, per-server
 * or regenerated on demand. Temporary chats are left out too.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_LIMITS, webAddressSchema } from './documents.js';
import { DOUBT_LIMITS } from './doubts.js';
import { MESSAGE_LIMITS, MESSAGE_ROLES, MESSAGE_STATUSES } from './messages.js';
import { MEMORY_USE_VIAS, pkbExportSchema } from './pkb.js';
import { PROMPT_LIMITS, promptContentSchema, promptNameSchema } from './prompts.js';
import { sectionIdSchema } from './sections.js';
import { PROFILE_LIMITS } from './users.js';
import { colorSchema, domainSchema, WORKSPACE_LIMITS } from './workspaces.js';
import { CONVERSATION_LIMITS } from './conversations.js';

export const ACCOUNT_EXPORT_FORMAT = 'margin-account';

export const ACCOUNT_LIMITS = {
  /** Default size of an import file; the server's configuration may change it. */
  importMaxBytes: 256 * 1024 * 1024,
  workspaces: 5_000,
  conversations: 50_000,
  messagesPerConversation: 20_000,
  versionsPerMessage: 200,
  sectionsPerConversation: 5_000,
  doubtsPerConversation: 10_000,
  prompts: 5_000,
  versionsPerPrompt: 500,
  modelMax: 200,
  errorMax: 5_000,
  tldrMax: 20_000,
  summaryMax: 200_000,
  suggestionsMax: 20,
  filenameMax: 255,
  mimeTypeMax: 255,
  previewMax: 1_000_000,
  memoryUsesPerMessage: 100,
  memoryPinsPerConversation: 1_000,
} as const;

const id = z.string().min(1).max(64);
const isoDate = z.coerce.date({ error: 'Give a valid date' });
const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => text(max).nullable();
const count = z.number().int().min(0);

const messageVersionSchema = z.object({
  version: z.number().int().min(1),
  content: text(MESSAGE_LIMITS.contentMax),
  createdAt: isoDate,
});

/** `RecallWhy`: the scores the page shows under "Memories used" (unknown keys dropped). */
const recallWhySchema = z.object({
  fts: z.object({ rank: z.number().int().min(1), bm25: z.number() }).optional(),
  embedding: z.object({ rank: z.number().int().min(1), cosine: z.number() }).optional(),
  rrf: z.number(),
  via: z.enum(MEMORY_USE_VIAS).optional(),
});

/** Which memories an answer used, by claim id of `memory.claims`. */
const memoryUseSchema = z.object({
  claimId: id,
  via: z.enum(MEMORY_USE_VIAS),
  why: recallWhySchema,
  position: count,
});

const messageSchema = z.object({
  id,
  role: z.enum(MESSAGE_ROLES),
  content: text(MESSAGE_LIMITS.contentMax),
  hidden: z.boolean(),
  position: count,
  status: z.enum(MESSAGE_STATUSES),
  model: nullableText(ACCOUNT_LIMITS.modelMax),
  tldr: nullableText(ACCOUNT_LIMITS.tldrMax),
  error: nullableText(ACCOUNT_LIMITS.errorMax),
  createdAt: isoDate,
  updatedAt: isoDate,
  versions: z.array(messageVersionSchema).max(ACCOUNT_LIMITS.versionsPerMessage),
  memoryUses: z.array(memoryUseSchema).max(ACCOUNT_LIMITS.memoryUsesPerMessage),
});

const doubtSchema = z.object({
  id,
  messageId: id,
  parentId: id.nullable(),
  question: text(DOUBT_LIMITS.questionMax),
  answer: text(DOUBT_LIMITS.answerMax),
  status: z.enum(MESSAGE_STATUSES),
  error: nullableText(ACCOUNT_LIMITS.errorMax),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** A document; `content` is the stored file as base64, null when there was none (a URL not fetched). */
const documentSchema = z.object({
  id,
  ordinal: z.number().int().min(1),
  kind: z.enum(DOCUMENT_KINDS),
  title: text(ACCOUNT_LIMITS.filenameMax),
  filename: text(ACCOUNT_LIMITS.filenameMax),
  mimeType: text(ACCOUNT_LIMITS.mimeTypeMax),
  sourceUrl: webAddressSchema.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  content: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Document content must be base64')
    .nullable(),
});

const conversationSchema = z.object({
  id,
  workspaceId: id,
  domain: domainSchema,
  title: text(CONVERSATION_LIMITS.titleMax),
  titleLocked: z.boolean(),
  flag: colorSchema.nullable(),
  summary: text(ACCOUNT_LIMITS.summaryMax),
  memoryPad: text(CONVERSATION_LIMITS.memoryPadMax),
  suggestions: z.array(text(1_000)).max(ACCOUNT_LIMITS.suggestionsMax),
  lastActivityAt: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
  messages: z.array(messageSchema).max(ACCOUNT_LIMITS.messagesPerConversation),
  hiddenSections: z.array(sectionIdSchema).max(ACCOUNT_LIMITS.sectionsPerConversation),
  doubts: z.array(doubtSchema).max(ACCOUNT_LIMITS.doubtsPerConversation),
  documents: z.array(documentSchema).max(DOCUMENT_LIMITS.perConversation),
  /** Memories pinned to, or kept out of, this conversation (claim ids of `memory.claims`). */
  memoryPins: z
    .array(z.object({ claimId: id, mode: z.enum(['pinned', 'excluded']) }))
    .max(ACCOUNT_LIMITS.memoryPinsPerConversation),
});

const workspaceSchema = z.object({
  id,
  domain: domainSchema,
  name: z.string().trim().min(1).max(WORKSPACE_LIMITS.nameMax),
  color: colorSchema.nullable(),
  parentId: id.nullable(),
  expanded: z.boolean(),
  isDefault: z.boolean(),
  position: z.number().int(),
  systemPrompt: nullableText(WORKSPACE_LIMITS.systemPromptMax),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const promptFields = {
  content: promptContentSchema,
  description: text(PROMPT_LIMITS.descriptionMax),
  category: text(PROMPT_LIMITS.categoryMax),
  tags: z.array(text(PROMPT_LIMITS.tagMax)).max(PROMPT_LIMITS.tagsMax),
};

const promptSchema = z.object({
  name: promptNameSchema,
  ...promptFields,
  version: z.number().int().min(1),
  createdAt: isoDate,
  updatedAt: isoDate,
  versions: z
    .array(z.object({ version: z.number().int().min(1), ...promptFields, createdAt: isoDate }))
    .max(ACCOUNT_LIMITS.versionsPerPrompt),
});

export const accountExportSchema = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: isoDate,
  /** Who it came from, for the person reading the file; import does not use it. */
  account: z.object({ name: text(200), email: text(254) }),
  profile: z.object({
    memory: text(PROFILE_LIMITS.fieldMax),
    preferences: text(PROFILE_LIMITS.fieldMax),
  }),
  workspaces: z.array(workspaceSchema).max(ACCOUNT_LIMITS.workspaces),
  conversations: z.array(conversationSchema).max(ACCOUNT_LIMITS.conversations),
  prompts: z.array(promptSchema).max(ACCOUNT_LIMITS.prompts),
  memory: pkbExportSchema,
});

export type AccountExport = z.infer<typeof accountExportSchema>;
export type AccountExportInput = z.input<typeof accountExportSchema>;
export type AccountExportConversation = AccountExport['conversations'][number];

/** What an import added, and what it found already there. */
export interface AccountImportResult {
  workspaces: { created: number; existing: number };
  conversations: { created: number; existing: number };
  messages: number;
  doubts: number;
  documents: { created: number; reindexing: number };
  prompts: { created: number; renamed: number; existing: number };
  memory: { created: number; skipped: number };
  profileUpdated: boolean;
}

/** What `account.summary` reports, so the page can say what an export will hold. */
export interface AccountSummary {
  workspaces: number;
  conversations: number;
  messages: number;
  documents: number;
  documentBytes: number;
  prompts: number;
  memories: number;
}
