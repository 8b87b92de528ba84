/**
 * The job registry: every LLM generation and indexing run is a job that outlives the request
 * that started it. Each job has an append-only event log with increasing ids (followers resume
 * after the last id they saw), an AbortController, and exactly one terminal event. Final state
 * is written to the `jobs` table so finished jobs can be followed after eviction or a restart.
 *
 * This is the only in-process state of the API; `JobRegistry` is the interface a multi-instance
 * deployment would re-implement on a shared store.
 */
import { TRPCError } from '@trpc/server';
import { jobQueries, type Db, type JobRow } from '@margin/db';
import type {
  JobEvent,
  JobKind,
  JobStatus,
  JobView,
  ProgressJobEvent,
  TerminalJobEvent,
} from '@margin/shared';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';

/** Abort reason used at shutdown: the work was interrupted, not cancelled by the user. */
export class JobInterrupted extends Error {
  constructor() {
    super('Interrupted: the server is shutting down. Partial output was kept.');
  }
}

/** For job bodies: did this abort come from shutdown (mark output interrupted) or a user (cancelled)? */
export function abortedByShutdown(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof JobInterrupted;
}

export interface JobEnvelope {
  id: number;
  event: JobEvent;
}

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  emit: (event: ProgressJobEvent) => void;
}

/** What a job's work returns when it finishes normally. */
export interface JobResult {
  messageIds?: string[];
  /**
   * Follow-up work run after the `done` event is sent (titles, summaries, suggestions): the user
   * is not kept waiting for it, and its failure is logged, never turned into a job error.
   */
  after?: (() => Promise<void>) | undefined;
}

export interface StartJobOptions {
  kind: JobKind;
  userId: string;
  conversationId: string | null;
  /** Refuse to start while a job of the same kind runs in the same conversation. */
  exclusive?: boolean;
  /**
   * A job id chosen by the client (a UUID), so it can start following before the start call
   * returns. Taken ids are refused with CONFLICT.
   */
  id?: string | undefined;
  run: (ctx: JobContext) => Promise<JobResult>;
}

interface LiveJob {
  row: JobRow;
  events: JobEnvelope[];
  controller: AbortController;
  status: JobStatus;
  lastActivityAt: Date;
  /** Resolves followers waiting for the next event. */
  wake: () => void;
  changed: Promise<void>;
  settled: Promise<void>;
}

export interface JobRegistryOptions {
  db: Db;
  logger: Logger;
  /** How long a finished job's full event log stays in memory for late followers. */
  retentionMs?: number;
}

const KIND_LABEL: Record<JobKind, string> = {
  reply: 'A reply',
  coding_hint: 'A coding hint',
  coding_solution: 'A full solution',
  doubt: 'A doubt answer',
  quick_action: 'A quick action',
  indexing: 'Indexing',
  tts: 'Audio generation',
};

function terminalFromRow(row: JobRow): TerminalJobEvent {
  switch (row.status) {
    case 'done':
      return { type: 'done', messageIds: row.messageIds };
    case 'cancelled':
      return { type: 'cancelled' };
    default:
      return { type: 'error', message: row.error ?? 'The job stopped unexpectedly.' };
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof TRPCError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'The job failed.';
}

export class JobRegistry {
  private readonly live = new Map<string, LiveJob>();
  /** Followers waiting for a client-chosen job id to be started. */
  private readonly startWaiters = new Map<string, (() => void)[]>();
  private readonly db: Db;
  private readonly logger: Logger;
  private readonly retentionMs: number;

  constructor(options: JobRegistryOptions) {
    this.db = options.db;
    this.logger = options.logger;
    // A finished reply's log is ~15 KB; at 20+ replies a second, ten minutes of them held
    // 650 MB in a load run. Later followers get the final event from the jobs table and the
    // text from the message row.
    this.retentionMs = options.retentionMs ?? 2 * 60 * 1000;
  }

  /** CONFLICT when a job of this kind already runs in the conversation. */
  assertCanStart({
    kind,
    userId,
    conversationId,
  }: {
    kind: JobKind;
    userId: string;
    conversationId: string | null;
  }): void {
    if (!conversationId) return;
    if (this.runningFor(userId, conversationId).some((j) => j.row.kind === kind)) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `${KIND_LABEL[kind]} is already running in this conversation. Wait for it to finish or stop it.`,
      });
    }
  }

  /** CONFLICT when a client-chosen job id is taken. */
  assertIdFree(id: string): void {
    if (this.live.has(id) || jobQueries.jobIdExists({ db: this.db, id })) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'This job id is already in use; send again.',
      });
    }
  }

  /**
   * Resolves when a job with this id has been started (or after `timeoutMs`), so a client that
   * chose the id can subscribe before the start call has returned.
   */
  async waitForStart(id: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.live.has(id) || jobQueries.jobIdExists({ db: this.db, id })) return;
    await new Promise<void>((resolve) => {
      const list = this.startWaiters.get(id) ?? [];
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        const rest = (this.startWaiters.get(id) ?? []).filter((w) => w !== done);
        if (rest.length) this.startWaiters.set(id, rest);
        else this.startWaiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      list.push(done);
      this.startWaiters.set(id, list);
    });
  }

  /** Registers and starts a job; returns its id at once. */
  start(options: StartJobOptions): string {
    if (options.exclusive) this.assertCanStart(options);
    const id = options.id ?? randomUUID();
    if (options.id !== undefined) this.assertIdFree(options.id);
    const row = jobQueries.insertJob({
      db: this.db,
      job: {
        id,
        userId: options.userId,
        conversationId: options.conversationId,
        kind: options.kind,
      },
    });
    let wake: () => void = () => undefined;
    const job: LiveJob = {
      row,
      events: [],
      controller: new AbortController(),
      status: 'running',
      lastActivityAt: new Date(),
      wake: () => wake(),
      changed: Promise.resolve(),
      settled: Promise.resolve(),
    };
    const renew = () => {
      job.changed = new Promise<void>((resolve) => {
        wake = () => {
          renew();
          resolve();
        };
      });
    };
    renew();
    this.live.set(row.id, job);
    job.settled = this.execute(job, options.run);
    // Followers waiting for this id wake on the next turn of the event loop, after the job's
    // first steps (the provider request) are under way.
    const waiters = this.startWaiters.get(row.id) ?? [];
    this.startWaiters.delete(row.id);
    if (waiters.length > 0) setImmediate(() => waiters.forEach((waiter) => waiter()));
    return row.id;
  }

  private append(job: LiveJob, event: JobEvent): number {
    const id = job.events.length + 1;
    job.events.push({ id, event });
    job.lastActivityAt = new Date();
    job.wake();
    return id;
  }

  private async execute(job: LiveJob, run: StartJobOptions['run']): Promise<void> {
    const { signal } = job.controller;
    let terminal: TerminalJobEvent;
    let after: JobResult['after'];
    try {
      const result = await run({
        jobId: job.row.id,
        signal,
        emit: (event) => {
          if (job.status === 'running') this.append(job, event);
        },
      });
      terminal = signal.aborted
        ? this.abortTerminal(signal)
        : { type: 'done', messageIds: result.messageIds ?? [] };
      after = result.after;
    } catch (err) {
      if (signal.aborted) terminal = this.abortTerminal(signal);
      else {
        terminal = { type: 'error', message: errorMessage(err) };
        if (!(err instanceof TRPCError))
          this.logger.error({ err, jobId: job.row.id, kind: job.row.kind }, 'job failed');
      }
    }
    this.finish(job, terminal);
    if (after && terminal.type === 'done') {
      await after().catch((err: unknown) => {
        this.logger.warn(
          { err, jobId: job.row.id, kind: job.row.kind },
          'follow-up work after a job failed',
        );
      });
    }
  }

  private abortTerminal(signal: AbortSignal): TerminalJobEvent {
    return abortedByShutdown(signal)
      ? { type: 'error', message: new JobInterrupted().message }
      : { type: 'cancelled' };
  }

  private finish(job: LiveJob, terminal: TerminalJobEvent): void {
    const status: Exclude<JobStatus, 'running'> =
      terminal.type === 'done'
        ? 'done'
        : terminal.type === 'cancelled'
          ? 'cancelled'
          : abortedByShutdown(job.controller.signal)
            ? 'interrupted'
            : 'error';
    job.status = status;
    const lastEventId = this.append(job, terminal);
    const finishedAt = new Date();
    try {
      jobQueries.finishJob({
        db: this.db,
        id: job.row.id,
        status,
        error: terminal.type === 'error' ? terminal.message : null,
        messageIds: terminal.type === 'done' ? terminal.messageIds : undefined,
        lastEventId,
        finishedAt,
      });
    } catch (err) {
      // The database may already be closed during shutdown; the event log still ended properly.
      this.logger.warn({ err, jobId: job.row.id }, 'could not record job result');
    }
    job.row = {
      ...job.row,
      status,
      finishedAt,
      lastEventId,
      error: terminal.type === 'error' ? terminal.message : null,
      messageIds: terminal.type === 'done' ? (terminal.messageIds ?? []) : job.row.messageIds,
    };
    // The finished job's signal still holds every listener its work attached (the provider
    // SDK's request and response among them); a fresh controller lets those go while the event
    // log stays for late followers.
    job.controller = new AbortController();
    const evict = setTimeout(() => this.live.delete(job.row.id), this.retentionMs);
    evict.unref();
  }

  private runningFor(userId: string, conversationId?: string): LiveJob[] {
    return [...this.live.values()].filter(
      (j) =>
        j.status === 'running' &&
        j.row.userId === userId &&
        (conversationId === undefined || j.row.conversationId === conversationId),
    );
  }

  private view(job: LiveJob | JobRow): JobView {
    const row = 'row' in job ? job.row : job;
    const live = 'row' in job ? job : undefined;
    return {
      id: row.id,
      kind: row.kind as JobKind,
      status: live?.status ?? row.status,
      conversationId: row.conversationId,
      error: row.error,
      messageIds: row.messageIds,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      lastActivityAt: live ? live.lastActivityAt : null,
    };
  }

  /** The caller's job, from memory or the database; undefined when missing or someone else's. */
  get(jobId: string, userId: string): JobView | undefined {
    const job = this.live.get(jobId);
    if (job) return job.row.userId === userId ? this.view(job) : undefined;
    const row = jobQueries.findUserJob({ db: this.db, id: jobId, userId });
    return row ? this.view(row) : undefined;
  }

  /**
   * Events after `lastEventId`, then live ones until the terminal event. A job no longer in
   * memory yields its terminal event (from the database) and ends.
   */
  async *follow(
    jobId: string,
    userId: string,
    lastEventId: number,
    signal?: AbortSignal,
  ): AsyncGenerator<JobEnvelope> {
    const job = this.live.get(jobId);
    if (job?.row.userId !== userId) {
      const row = jobQueries.findUserJob({ db: this.db, id: jobId, userId });
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such job.' });
      if (row.status === 'running') {
        // Running in the database but not in this process: it was orphaned by a restart.
        yield {
          id: Math.max(lastEventId + 1, 1),
          event: { type: 'error', message: 'Interrupted by a server restart.' },
        };
        return;
      }
      // Rows closed by a restart never recorded an event count: their final event follows
      // whatever the client saw.
      if (row.lastEventId === 0) yield { id: lastEventId + 1, event: terminalFromRow(row) };
      else if (row.lastEventId > lastEventId)
        yield { id: row.lastEventId, event: terminalFromRow(row) };
      return;
    }
    let next = Math.max(0, lastEventId);
    for (;;) {
      while (next < job.events.length) {
        const envelope = job.events[next];
        next++;
        if (envelope) {
          yield envelope;
          if (['done', 'error', 'cancelled'].includes(envelope.event.type)) return;
        }
      }
      if (job.status !== 'running') return;
      if (signal?.aborted) return;
      const changed = job.changed;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        void changed.then(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
      if (signal?.aborted) return;
    }
  }

  /** Cancels one job of the caller. False when it is missing, someone else's or already over. */
  cancel(jobId: string, userId: string): boolean {
    const job = this.live.get(jobId);
    if (job?.row.userId !== userId || job.status !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Cancels the caller's running jobs in a conversation (optionally of one kind). */
  cancelConversation(userId: string, conversationId: string, kind?: JobKind): number {
    const targets = this.runningFor(userId, conversationId).filter(
      (j) => !kind || j.row.kind === kind,
    );
    for (const j of targets) j.controller.abort();
    return targets.length;
  }

  active(userId: string, conversationId?: string): JobView[] {
    return this.runningFor(userId, conversationId).map((j) => this.view(j));
  }

  /** Whether a job id is running in this process (orphan detection). */
  isLive(jobId: string): boolean {
    return this.live.get(jobId)?.status === 'running';
  }

  /** Waits until a job has finished (tests, shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.live.get(jobId)?.settled;
  }

  /**
   * Aborts every running job and waits for each to record its terminal state; follow-up work of
   * finished jobs gets a few seconds to complete.
   */
  async shutdown(graceMs = 5000): Promise<void> {
    const all = [...this.live.values()];
    for (const j of all) if (j.status === 'running') j.controller.abort(new JobInterrupted());
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled(all.map((j) => j.settled)), grace]);
    clearTimeout(timer);
  }
}
