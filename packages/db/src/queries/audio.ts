import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { audioClips, type AudioClipRow } from '../schema/audio.js';

export function findClip({
  db,
  messageId,
  variant,
  voice,
}: {
  db: Executor;
  messageId: string;
  variant: AudioClipRow['variant'];
  voice: string;
}): AudioClipRow | undefined {
  return db
    .select()
    .from(audioClips)
    .where(
      and(
        eq(audioClips.messageId, messageId),
        eq(audioClips.variant, variant),
        eq(audioClips.voice, voice),
      ),
    )
    .get();
}

/** The newest clip of a message + variant in any voice (for status without a voice). */
export function findLatestClip({
  db,
  messageId,
  variant,
}: {
  db: Executor;
  messageId: string;
  variant: AudioClipRow['variant'];
}): AudioClipRow | undefined {
  return db
    .select()
    .from(audioClips)
    .where(and(eq(audioClips.messageId, messageId), eq(audioClips.variant, variant)))
    .orderBy(desc(audioClips.createdAt))
    .get();
}

export function findOwnedClip({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): AudioClipRow | undefined {
  return db
    .select()
    .from(audioClips)
    .where(and(eq(audioClips.id, id), eq(audioClips.userId, userId)))
    .get();
}

export function findClipById({ db, id }: { db: Executor; id: string }): AudioClipRow | undefined {
  return db.select().from(audioClips).where(eq(audioClips.id, id)).get();
}

/** Inserts a clip or replaces the one of the same message + variant + voice. */
export function upsertClip({
  db,
  clip,
}: {
  db: Executor;
  clip: typeof audioClips.$inferInsert;
}): AudioClipRow {
  return db
    .insert(audioClips)
    .values(clip)
    .onConflictDoUpdate({
      target: [audioClips.messageId, audioClips.variant, audioClips.voice],
      set: {
        id: clip.id,
        contentHash: clip.contentHash,
        storageKey: clip.storageKey,
        mimeType: clip.mimeType,
        size: clip.size ?? 0,
        status: clip.status ?? 'generating',
        error: null,
        jobId: clip.jobId ?? null,
        createdAt: new Date(),
      },
    })
    .returning()
    .get();
}

export function updateClip({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: Partial<Pick<AudioClipRow, 'status' | 'size' | 'error'>>;
}): void {
  db.update(audioClips).set(changes).where(eq(audioClips.id, id)).run();
}

/** Every storage key still referenced (orphan sweeps keep these). */
export function listStorageKeys({ db }: { db: Executor }): Set<string> {
  return new Set(
    db
      .select({ key: audioClips.storageKey })
      .from(audioClips)
      .all()
      .map((r) => r.key),
  );
}
