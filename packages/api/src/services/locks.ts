/**
 * "Stuck generation" diagnostics per conversation. Nothing here is a file lock: a conversation
 * is busy while a job runs. A job is stale when it has run silent for a while, or when the
 * database says running but no process runs it (left by a crash).
 */
import { jobQueries } from '@margin/db';
import type { JobView } from '@margin/shared';
import type { AppServices } from '../trpc.js';
import { requireConversation } from './conversations/core.js';

export const STALE_AFTER_MS = 2 * 60 * 1000;

function orphanViews(services: AppServices, userId: string, conversationId: string): JobView[] {
  return jobQueries
    .listRunningJobs({ db: services.db, userId, conversationId })
    .filter((row) => !services.jobs.isLive(row.id))
    .map((row) => ({
      id: row.id,
      kind: row.kind as JobView['kind'],
      status: row.status,
      conversationId: row.conversationId,
      error: row.error,
      messageIds: row.messageIds,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      lastActivityAt: null,
    }));
}

export function lockStatus(
  services: AppServices,
  userId: string,
  conversationId: string,
  now = new Date(),
): { jobs: JobView[]; stale: JobView[] } {
  requireConversation({ db: services.db, userId, id: conversationId });
  const jobs = services.jobs.active(userId, conversationId);
  const silent = jobs.filter(
    (j) => j.lastActivityAt !== null && now.getTime() - j.lastActivityAt.getTime() > STALE_AFTER_MS,
  );
  return { jobs, stale: [...silent, ...orphanViews(services, userId, conversationId)] };
}

/** Stops running jobs, closes orphaned ones, and marks left-over streaming messages interrupted. */
export function clearLocks(
  services: AppServices,
  userId: string,
  conversationId: string,
): { cleared: number } {
  requireConversation({ db: services.db, userId, id: conversationId });
  const cancelled = services.jobs.cancelConversation(userId, conversationId);
  const orphans = orphanViews(services, userId, conversationId).map((j) => j.id);
  const interrupted = jobQueries.interruptJobs({ db: services.db, ids: orphans, now: new Date() });
  // Messages of jobs just cancelled are finished by those jobs; only rows nobody owns are fixed here.
  const leftovers =
    cancelled === 0
      ? jobQueries.interruptStreamingMessages({ db: services.db, conversationId })
      : 0;
  return { cleared: cancelled + interrupted + leftovers };
}
