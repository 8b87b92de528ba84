import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { apiTokens, users, type ApiTokenRow, type UserRow } from '../schema/auth.js';
import { prepared } from '../prepared.js';

export function insertApiToken({
  db,
  token,
}: {
  db: Executor;
  token: typeof apiTokens.$inferInsert;
}): ApiTokenRow {
  return db.insert(apiTokens).values(token).returning().get();
}

export function listApiTokens({ db, userId }: { db: Executor; userId: string }): ApiTokenRow[] {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** A token that exists and has not expired, with its user. */
export function findLiveApiTokenByHash({
  db,
  tokenHash,
  now,
}: {
  db: Executor;
  tokenHash: string;
  now: Date;
}): { token: ApiTokenRow; user: UserRow } | undefined {
  return prepared(db, findLiveApiTokenQuery).get({ tokenHash, now: now.getTime() });
}

const findLiveApiTokenQuery = (db: Executor) =>
  db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('tokenHash')),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder('now'))),
      ),
    )
    .prepare();

export function touchApiToken({
  db,
  id,
  lastUsedAt,
}: {
  db: Executor;
  id: string;
  lastUsedAt: Date;
}): void {
  db.update(apiTokens).set({ lastUsedAt }).where(eq(apiTokens.id, id)).run();
}

/** Deletes the token only if it belongs to `userId`; returns how many rows went (0 or 1). */
export function deleteApiToken({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): number {
  return db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .run().changes;
}
