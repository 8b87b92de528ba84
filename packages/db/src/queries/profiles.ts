import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { userProfiles } from '../schema/organise.js';
import { prepared } from '../prepared.js';

export type UserProfileRow = typeof userProfiles.$inferSelect;

export function findProfile({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): UserProfileRow | undefined {
  return prepared(db, findProfileQuery).get({ userId });
}

const findProfileQuery = (db: Executor) =>
  db
    .select()
    .from(userProfiles)
    .where(eq(userProfiles.userId, sql.placeholder('userId')))
    .prepare();

/** Creates the row or changes only the given fields. */
export function upsertProfile({
  db,
  userId,
  changes,
  at,
}: {
  db: Executor;
  userId: string;
  changes: { memory?: string | undefined; preferences?: string | undefined };
  at: Date;
}): UserProfileRow {
  const set: Partial<typeof userProfiles.$inferInsert> = { updatedAt: at };
  if (changes.memory !== undefined) set.memory = changes.memory;
  if (changes.preferences !== undefined) set.preferences = changes.preferences;
  return db
    .insert(userProfiles)
    .values({
      userId,
      memory: changes.memory ?? '',
      preferences: changes.preferences ?? '',
      updatedAt: at,
    })
    .onConflictDoUpdate({ target: userProfiles.userId, set })
    .returning()
    .get();
}
