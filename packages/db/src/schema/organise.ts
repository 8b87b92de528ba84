import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { MESSAGE_ROLES, MESSAGE_STATUSES } from '@margin/shared';
import { users } from './auth.js';
import { createdAtColumn, idColumn, timestampColumn, updatedAtColumn } from './columns.js';

/** Named, coloured folders of conversations, per user and domain; nested through parentId. */
export const workspaces = sqliteTable(
  'workspaces',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    color: text('color'),
    parentId: text('parent_id').references((): AnySQLiteColumn => workspaces.id, {
      onDelete: 'set null',
    }),
    expanded: integer('expanded', { mode: 'boolean' }).notNull().default(true),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull().default(0),
    systemPrompt: text('system_prompt'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('workspaces_user_domain_idx').on(t.userId, t.domain, t.position),
    // Exactly one default ("General") workspace per user and domain.
    uniqueIndex('workspaces_one_default_idx')
      .on(t.userId, t.domain)
      .where(sql`${t.isDefault} = 1`),
  ],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    domain: text('domain').notNull(),
    title: text('title').notNull().default('New conversation'),
    /** Set by a manual rename or `/title`: automatic titling then leaves the title alone. */
    titleLocked: integer('title_locked', { mode: 'boolean' }).notNull().default(false),
    flag: text('flag'),
    /** Temporary chat: removed when the user leaves it. */
    stateless: integer('stateless', { mode: 'boolean' }).notNull().default(false),
    summary: text('summary').notNull().default(''),
    memoryPad: text('memory_pad').notNull().default(''),
    /** JSON array of next-question suggestions from the last turn. */
    suggestions: text('suggestions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Unguessable read-only share token; null when not shared. */
    shareToken: text('share_token'),
    sharedAt: timestampColumn('shared_at'),
    lastActivityAt: timestampColumn('last_activity_at')
      .notNull()
      .$defaultFn(() => new Date()),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // Sidebar: a user's conversations in one domain, newest activity first, paged by (time, id).
    index('conversations_sidebar_idx').on(t.userId, t.domain, t.lastActivityAt, t.id),
    index('conversations_workspace_idx').on(t.workspaceId, t.lastActivityAt),
    uniqueIndex('conversations_share_token_idx').on(t.shareToken),
  ],
);

// The API's enums, so a column holds exactly what the API accepts.
export { MESSAGE_ROLES, MESSAGE_STATUSES };

/** One row per message; `position` orders a conversation densely from 0. */
export const messages = sqliteTable(
  'messages',
  {
    id: idColumn(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Owner, denormalised so full-text search can filter by user without a join per hit. */
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MESSAGE_ROLES }).notNull(),
    content: text('content').notNull().default(''),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('complete'),
    model: text('model'),
    tldr: text('tldr'),
    error: text('error'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('messages_conversation_position_idx').on(t.conversationId, t.position),
    index('messages_user_idx').on(t.userId),
  ],
);

/** Earlier texts of an edited message, newest version last. */
export const messageVersions = sqliteTable(
  'message_versions',
  {
    id: idColumn(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('message_versions_message_version_idx').on(t.messageId, t.version)],
);

/** Which collapsible sections of answers a user hid, per conversation. */
export const sectionStates = sqliteTable(
  'section_states',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.sectionId] })],
);

/** "What you know about me" and "how I want answers", used in prompts. */
export const userProfiles = sqliteTable('user_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  memory: text('memory').notNull().default(''),
  preferences: text('preferences').notNull().default(''),
  updatedAt: updatedAtColumn(),
});

export const PROMPT_SCOPES = ['global', 'personal'] as const;

/** Prompt library: global prompts (admin-managed, ownerId null) and personal ones. */
export const prompts = sqliteTable(
  'prompts',
  {
    id: idColumn(),
    name: text('name').notNull(),
    scope: text('scope', { enum: PROMPT_SCOPES }).notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull().default(''),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('prompts_global_name_idx')
      .on(t.name)
      .where(sql`${t.scope} = 'global'`),
    uniqueIndex('prompts_personal_name_idx')
      .on(t.ownerId, t.name)
      .where(sql`${t.scope} = 'personal'`),
  ],
);

/** Every earlier version of a prompt, kept on update. */
export const promptVersions = sqliteTable(
  'prompt_versions',
  {
    id: idColumn(),
    promptId: text('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('prompt_versions_prompt_version_idx').on(t.promptId, t.version)],
);

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MessageVersionRow = typeof messageVersions.$inferSelect;
export type PromptRow = typeof prompts.$inferSelect;
export type PromptVersionRow = typeof promptVersions.$inferSelect;
