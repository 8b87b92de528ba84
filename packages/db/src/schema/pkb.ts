/**
 * The personal knowledge base ("memory"), every row scoped to one user. Claims carry an integer
 * `rowid` that keys the FTS5 index `claims_fts` (statement + tag and entity names, kept in sync
 * by triggers in the migration) and a public text `id` (what `@memory:<id>` names).
 */
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  CLAIM_DOMAINS,
  CLAIM_SOURCES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CONFLICT_ORIGINS,
  CONFLICT_STATUSES,
  ENTITY_ROLES,
  ENTITY_TYPES,
  MEMORY_USE_VIAS,
  PLAN_KINDS,
  type RecallWhy,
} from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { users } from './auth.js';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn } from './columns.js';
import { conversations, messages } from './organise.js';

// The API's enums, so a column holds exactly what the API accepts.
export {
  CLAIM_DOMAINS,
  CLAIM_SOURCES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CONFLICT_ORIGINS,
  CONFLICT_STATUSES,
  ENTITY_ROLES,
  ENTITY_TYPES,
  MEMORY_USE_VIAS,
  PLAN_KINDS,
};

export const claims = sqliteTable(
  'claims',
  {
    rowid: integer('rowid').primaryKey({ autoIncrement: true }),
    id: text('id')
      .notNull()
      .unique()
      .$defaultFn(() => randomUUID()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    statement: text('statement').notNull(),
    /** Lower-cased, whitespace- and punctuation-collapsed statement: exact-duplicate check. */
    normalized: text('normalized').notNull(),
    type: text('type', { enum: CLAIM_TYPES }).notNull(),
    domain: text('domain', { enum: CLAIM_DOMAINS }).notNull().default('personal'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('active'),
    confidence: real('confidence'),
    validFrom: timestampColumn('valid_from'),
    validTo: timestampColumn('valid_to'),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    source: text('source', { enum: CLAIM_SOURCES }).notNull().default('manual'),
    /** Provenance of a claim distilled from a chat (kept when the conversation goes: set null). */
    sourceConversationId: text('source_conversation_id').references(() => conversations.id, {
      onDelete: 'set null',
    }),
    sourceMessageId: text('source_message_id').references(() => messages.id, {
      onDelete: 'set null',
    }),
    /** Space-joined tag and entity names, indexed by FTS with the statement. */
    searchText: text('search_text').notNull().default(''),
    /** float32 little-endian, L2-normalised; null until embedded (or when not configured). */
    embedding: blob('embedding', { mode: 'buffer' }),
    embeddingModel: text('embedding_model'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('claims_user_status_idx').on(t.userId, t.status),
    index('claims_user_updated_idx').on(t.userId, t.updatedAt),
    index('claims_user_normalized_idx').on(t.userId, t.normalized),
    index('claims_user_pinned_idx').on(t.userId, t.pinned),
  ],
);

export const pkbEntities = sqliteTable(
  'pkb_entities',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: ENTITY_TYPES }).notNull().default('other'),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('pkb_entities_user_type_name_idx').on(t.userId, t.type, t.name)],
);

/** Tags are flat rows; hierarchy is in the name (`study/maths`), so `study` finds its children. */
export const pkbTags = sqliteTable(
  'pkb_tags',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('pkb_tags_user_name_idx').on(t.userId, t.name)],
);

export const claimEntities = sqliteTable(
  'claim_entities',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => pkbEntities.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ENTITY_ROLES }).notNull().default('mentioned'),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.entityId, t.role] }),
    index('claim_entities_entity_idx').on(t.entityId),
  ],
);

export const claimTags = sqliteTable(
  'claim_tags',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => pkbTags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.tagId] }), index('claim_tags_tag_idx').on(t.tagId)],
);

export const conflictSets = sqliteTable(
  'conflict_sets',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CONFLICT_STATUSES }).notNull().default('open'),
    origin: text('origin', { enum: CONFLICT_ORIGINS }).notNull(),
    reason: text('reason'),
    createdAt: createdAtColumn(),
    resolvedAt: timestampColumn('resolved_at'),
  },
  (t) => [index('conflict_sets_user_status_idx').on(t.userId, t.status)],
);

export const conflictMembers = sqliteTable(
  'conflict_members',
  {
    conflictId: text('conflict_id')
      .notNull()
      .references(() => conflictSets.id, { onDelete: 'cascade' }),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.conflictId, t.claimId] }),
    index('conflict_members_claim_idx').on(t.claimId),
  ],
);

/**
 * Per-conversation memory settings: `pinned` claims always go into that conversation's prompts;
 * `excluded` ones ("don't use this here") are never recalled there, not even when pinned globally.
 */
export const conversationClaims = sqliteTable(
  'conversation_claims',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['pinned', 'excluded'] }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.claimId] }),
    index('conversation_claims_claim_idx').on(t.claimId),
  ],
);

/** A review plan (proposals from a chat turn or pasted text), executed once, then deleted. */
export const pkbPlans = sqliteTable(
  'pkb_plans',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PLAN_KINDS }).notNull(),
    conversationId: text('conversation_id').references(() => conversations.id, {
      onDelete: 'cascade',
    }),
    messageId: text('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** `Proposal[]` (packages/shared) as JSON. */
    proposals: text('proposals', { mode: 'json' }).$type<unknown[]>().notNull(),
    createdAt: createdAtColumn(),
    expiresAt: timestampColumn('expires_at').notNull(),
  },
  (t) => [
    index('pkb_plans_user_idx').on(t.userId, t.createdAt),
    index('pkb_plans_conversation_idx').on(t.conversationId),
  ],
);

/** Which claims an answer was given, and why: shown under the answer. */
export const messageClaimUses = sqliteTable(
  'message_claim_uses',
  {
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    via: text('via', { enum: MEMORY_USE_VIAS }).notNull(),
    why: text('why', { mode: 'json' }).$type<RecallWhy>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.claimId] }),
    index('message_claim_uses_claim_idx').on(t.claimId),
  ],
);

/** Per-user PKB settings. */
export const pkbSettings = sqliteTable('pkb_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Suggest memories after each reply (needs the `fast` model). */
  autoPropose: integer('auto_propose', { mode: 'boolean' }).notNull().default(true),
  updatedAt: updatedAtColumn(),
});

export type ClaimRow = typeof claims.$inferSelect;
export type NewClaimRow = typeof claims.$inferInsert;
export type ConflictSetRow = typeof conflictSets.$inferSelect;
export type PkbPlanRow = typeof pkbPlans.$inferSelect;
