import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { sessions, users, type SessionRow, type UserRow } from '../schema/auth.js';
import { prepared } from '../prepared.js';

export function insertSession({
  db,
  session,
}: {
  db: Executor;
  session: typeof sessions.$inferInsert;
}): SessionRow {
  return db.insert(sessions).values(session).returning().get();
}

/** The live session for a token hash, with its user; expired sessions are not returned. */
export function findLiveSessionByTokenHash({
  db,
  tokenHash,
  now,
}: {
  db: Executor;
  tokenHash: string;
  now: Date;
}): { session: SessionRow; user: UserRow } | undefined {
  return prepared(db, findLiveSessionQuery).get({ tokenHash, now: now.getTime() });
}

const findLiveSessionQuery = (db: Executor) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare();

export function touchSession({
  db,
  id,
  lastSeenAt,
  expiresAt,
}: {
  db: Executor;
  id: string;
  lastSeenAt: Date;
  expiresAt: Date;
}): void {
  db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id)).run();
}

export function deleteSession({ db, id }: { db: Executor; id: string }): number {
  return db.delete(sessions).where(eq(sessions.id, id)).run().changes;
}

/** Revokes every session of a user, optionally keeping one (e.g. the one changing the password). */
export function deleteUserSessions({
  db,
  userId,
  exceptSessionId,
}: {
  db: Executor;
  userId: string;
  exceptSessionId?: string;
}): number {
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  return db.delete(sessions).where(where).run().changes;
}

export function deleteExpiredSessions({ db, now }: { db: Executor; now: Date }): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
