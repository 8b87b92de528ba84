import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth.js';
import { createdAtColumn, idColumn } from './columns.js';
import { messages } from './organise.js';

export const AUDIO_CLIP_STATUSES = ['generating', 'ready', 'failed'] as const;

/**
 * Spoken audio of a message (text to speech), one row per message + variant + voice. The bytes
 * live in `DATA_DIR/files/audio/` under `storage_key`. `content_hash` is the hash of the spoken
 * source text: a message edited since no longer matches, so the clip is regenerated.
 */
export const audioClips = sqliteTable(
  'audio_clips',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    variant: text('variant', { enum: ['full', 'short'] }).notNull(),
    voice: text('voice').notNull(),
    contentHash: text('content_hash').notNull(),
    storageKey: text('storage_key').notNull(),
    mimeType: text('mime_type').notNull().default('audio/mpeg'),
    size: integer('size').notNull().default(0),
    status: text('status', { enum: AUDIO_CLIP_STATUSES }).notNull().default('generating'),
    error: text('error'),
    jobId: text('job_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('audio_clips_message_idx').on(t.messageId, t.variant, t.voice),
    index('audio_clips_user_idx').on(t.userId),
  ],
);

export type AudioClipRow = typeof audioClips.$inferSelect;
