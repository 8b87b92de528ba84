import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { users, type UserRow } from '../schema/auth.js';

export function countUsers({ db }: { db: Executor }): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserById({ db, id }: { db: Executor; id: string }): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByEmail({
  db,
  email,
}: {
  db: Executor;
  email: string;
}): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function listUsers({ db }: { db: Executor }): UserRow[] {
  return db.select().from(users).orderBy(asc(users.createdAt), asc(users.email)).all();
}

export function insertUser({
  db,
  user,
}: {
  db: Executor;
  user: typeof users.$inferInsert;
}): UserRow {
  return db.insert(users).values(user).returning().get();
}

export function updateUser({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: Partial<Pick<UserRow, 'name' | 'role' | 'disabled' | 'passwordHash' | 'lastLoginAt'>>;
}): UserRow | undefined {
  return db.update(users).set(changes).where(eq(users.id, id)).returning().get();
}

export function countActiveAdmins({ db }: { db: Executor }): number {
  return (
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
      .get()?.n ?? 0
  );
}
