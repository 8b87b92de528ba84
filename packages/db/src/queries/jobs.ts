import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jobs, type JobRow } from '../schema/jobs.js';
import { doubts } from '../schema/doubts.js';
import { messages } from '../schema/organise.js';
import { prepared } from '../prepared.js';

export function insertJob({
  db,
  job,
}: {
  db: Executor;
  job: Omit<typeof jobs.$inferInsert, 'finishedAt'>;
}): JobRow {
  const row: JobRow = {
    id: job.id,
    userId: job.userId,
    conversationId: job.conversationId ?? null,
    kind: job.kind,
    status: job.status ?? 'running',
    error: job.error ?? null,
    messageIds: job.messageIds ?? [],
    lastEventId: job.lastEventId ?? 0,
    createdAt: job.createdAt ?? new Date(),
    // A job starts unfinished (and a null can't go through a timestamp placeholder).
    finishedAt: null,
  };
  // Insert placeholders go through the columns' encoders: plain values, as in a row.
  prepared(db, insertJobQuery).run(row);
  return row;
}

/** Every chat turn starts a job: prepared once, values given in full (no RETURNING). */
const insertJobQuery = (db: Executor) =>
  db
    .insert(jobs)
    .values({
      id: sql.placeholder('id'),
      userId: sql.placeholder('userId'),
      conversationId: sql.placeholder('conversationId'),
      kind: sql.placeholder('kind'),
      status: sql.placeholder('status'),
      error: sql.placeholder('error'),
      messageIds: sql.placeholder('messageIds'),
      lastEventId: sql.placeholder('lastEventId'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();

export function finishJob({
  db,
  id,
  status,
  error,
  messageIds,
  lastEventId,
  finishedAt,
}: {
  db: Executor;
  id: string;
  status: Exclude<JobRow['status'], 'running'>;
  error: string | null;
  messageIds: string[] | undefined;
  lastEventId: number;
  finishedAt: Date;
}): void {
  prepared(db, finishJobQuery).run({
    id,
    status,
    error,
    lastEventId,
    finishedAt: finishedAt.getTime(),
    messageIds: messageIds ? JSON.stringify(messageIds) : null,
  });
}

/** Every job ends here once: prepared, SET values as driver values (see prepared.ts). */
const finishJobQuery = (db: Executor) =>
  db
    .update(jobs)
    .set({
      status: sql`${sql.placeholder('status')}`,
      error: sql`${sql.placeholder('error')}`,
      lastEventId: sql`${sql.placeholder('lastEventId')}`,
      finishedAt: sql`${sql.placeholder('finishedAt')}`,
      messageIds: sql`coalesce(${sql.placeholder('messageIds')}, ${jobs.messageIds})`,
    })
    .where(eq(jobs.id, sql.placeholder('id')))
    .prepare();

/** A job of this user, or undefined (another user's job looks exactly like a missing one). */
export function findUserJob({
  db,
  id,
  userId,
}: {
  db: Executor;
  id: string;
  userId: string;
}): JobRow | undefined {
  return prepared(db, findUserJobQuery).get({ id, userId });
}

const findUserJobQuery = (db: Executor) =>
  db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, sql.placeholder('id')), eq(jobs.userId, sql.placeholder('userId'))))
    .prepare();

export function listRunningJobs({
  db,
  userId,
  conversationId,
}: {
  db: Executor;
  userId: string;
  conversationId?: string | undefined;
}): JobRow[] {
  const where = conversationId
    ? and(
        eq(jobs.userId, userId),
        eq(jobs.status, 'running'),
        eq(jobs.conversationId, conversationId),
      )
    : and(eq(jobs.userId, userId), eq(jobs.status, 'running'));
  return db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt)).all();
}

/**
 * After a crash or restart nothing is running: unfinished jobs become `interrupted`, and so do
 * messages left `streaming` (their partial text is kept). Returns how many of each.
 */
export function markUnfinishedInterrupted({ db, now }: { db: Executor; now: Date }): {
  jobs: number;
  messages: number;
} {
  const jobCount = db
    .update(jobs)
    .set({ status: 'interrupted', error: 'Interrupted by a server restart.', finishedAt: now })
    .where(eq(jobs.status, 'running'))
    .run().changes;
  const messageCount = db
    .update(messages)
    .set({ status: 'interrupted' })
    .where(eq(messages.status, 'streaming'))
    .run().changes;
  const doubtCount = db
    .update(doubts)
    .set({ status: 'interrupted' })
    .where(eq(doubts.status, 'streaming'))
    .run().changes;
  return { jobs: jobCount, messages: messageCount + doubtCount };
}

/** Marks given running jobs interrupted (e.g. orphans no process is running any more). */
export function interruptJobs({
  db,
  ids,
  now,
}: {
  db: Executor;
  ids: string[];
  now: Date;
}): number {
  if (ids.length === 0) return 0;
  return db
    .update(jobs)
    .set({
      status: 'interrupted',
      error: 'Stopped: no process was running this job.',
      finishedAt: now,
    })
    .where(and(inArray(jobs.id, ids), eq(jobs.status, 'running')))
    .run().changes;
}

/** Forgets finished jobs of a user older than `before`. */
export function deleteFinishedJobs({
  db,
  userId,
  before,
}: {
  db: Executor;
  userId: string;
  before: Date;
}): number {
  return db
    .delete(jobs)
    .where(and(eq(jobs.userId, userId), ne(jobs.status, 'running'), lt(jobs.createdAt, before)))
    .run().changes;
}

/** Marks a conversation's messages still `streaming` as interrupted; returns how many. */
export function interruptStreamingMessages({
  db,
  conversationId,
}: {
  db: Executor;
  conversationId: string;
}): number {
  return db
    .update(messages)
    .set({ status: 'interrupted' })
    .where(and(eq(messages.conversationId, conversationId), eq(messages.status, 'streaming')))
    .run().changes;
}

export function jobIdExists({ db, id }: { db: Executor; id: string }): boolean {
  return prepared(db, jobIdExistsQuery).get({ id }) !== undefined;
}

const jobIdExistsQuery = (db: Executor) =>
  db
    .select({ id: jobs.id })
    .from(jobs)
    .where(eq(jobs.id, sql.placeholder('id')))
    .prepare();
