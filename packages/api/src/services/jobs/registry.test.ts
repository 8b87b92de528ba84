import { jobs } from '@margin/db';
import type { DbHandle } from '@margin/db';
import { createTestDb } from '@margin/db/testing';
import type { JobEvent } from '@margin/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { expectTrpcCode } from '../../testing/expect-trpc.js';
import { abortedByShutdown, JobRegistry, type JobEnvelope } from './registry.js';

let handle: DbHandle;
let registry: JobRegistry;
const USER = 'user-1';
const OTHER = 'user-2';
const CONV = 'conv-1';

beforeEach(() => {
  handle = createTestDb();
  const s = handle.sqlite;
  for (const id of [USER, OTHER]) {
    s.prepare(
      `insert into users (id, email, name, password_hash, created_at, updated_at) values (?, ?, ?, 'x', 0, 0)`,
    ).run(id, `${id}@x.test`, id);
  }
  s.prepare(
    `insert into workspaces (id, user_id, domain, name, created_at, updated_at) values ('w', ?, 'assistant', 'General', 0, 0)`,
  ).run(USER);
  s.prepare(
    `insert into conversations (id, user_id, workspace_id, domain, last_activity_at, created_at, updated_at) values (?, ?, 'w', 'assistant', 0, 0, 0)`,
  ).run(CONV, USER);
  registry = new JobRegistry({ db: handle.db, logger: silentLogger, retentionMs: 50 });
});
afterEach(async () => {
  await registry.shutdown();
  handle.close();
});

/** A job body the test drives step by step: each `next()` lets one `wait()` through. */
function controllable() {
  let permits = 0;
  let waiter: (() => void) | undefined;
  return {
    next: () => {
      permits++;
      const w = waiter;
      waiter = undefined;
      w?.();
    },
    wait: (signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const take = () => {
          permits--;
          resolve();
        };
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        if (permits > 0) take();
        else waiter = take;
      }),
  };
}

async function collect(iter: AsyncGenerator<JobEnvelope>): Promise<JobEnvelope[]> {
  const out: JobEnvelope[] = [];
  for await (const e of iter) out.push(e);
  return out;
}

const types = (events: JobEnvelope[]) => events.map((e) => e.event.type);

describe('JobRegistry', () => {
  it('streams events in order with increasing ids and exactly one terminal event', async () => {
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: ({ emit }) => {
        emit({ type: 'status', text: 'thinking' });
        emit({ type: 'delta', text: 'Hel' });
        emit({ type: 'delta', text: 'lo' });
        return Promise.resolve({ messageIds: ['m1'] });
      },
    });
    const events = await collect(registry.follow(id, USER, 0));
    expect(types(events)).toEqual(['status', 'delta', 'delta', 'done']);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)?.event).toEqual({ type: 'done', messageIds: ['m1'] });
    const row = handle.db.select().from(jobs).get();
    expect(row).toMatchObject({ status: 'done', lastEventId: 4, messageIds: ['m1'] });
  });

  it('a follower that joins late, or resumes after an id, gets exactly the missing events', async () => {
    const c = controllable();
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: async ({ emit, signal }) => {
        for (let i = 0; i < 5; i++) {
          emit({ type: 'delta', text: String(i) });
          await c.wait(signal);
        }
        return {};
      },
    });
    c.next();
    c.next();
    const resumed = registry.follow(id, USER, 2);
    const pending = collect(resumed);
    c.next();
    c.next();
    c.next();
    const events = await pending;
    expect(events.map((e) => e.id)).toEqual([3, 4, 5, 6]);
    expect(events.map((e) => e.event)).toEqual<JobEvent[]>([
      { type: 'delta', text: '2' },
      { type: 'delta', text: '3' },
      { type: 'delta', text: '4' },
      { type: 'done', messageIds: [] },
    ]);
    // Resuming after the terminal event yields nothing more.
    expect(await collect(registry.follow(id, USER, 6))).toEqual([]);
  });

  it('cancel ends the job with `cancelled` and records it', async () => {
    const c = controllable();
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: async ({ emit, signal }) => {
        emit({ type: 'delta', text: 'partial' });
        await c.wait(signal);
        return {};
      },
    });
    const pending = collect(registry.follow(id, USER, 0));
    expect(registry.cancel(id, OTHER)).toBe(false);
    expect(registry.cancel(id, USER)).toBe(true);
    expect(types(await pending)).toEqual(['delta', 'cancelled']);
    expect(registry.cancel(id, USER)).toBe(false); // already over: nothing to break
    expect(handle.db.select().from(jobs).get()?.status).toBe('cancelled');
  });

  it('a throwing job ends with `error` carrying the message', async () => {
    const id = registry.start({
      kind: 'doubt',
      userId: USER,
      conversationId: CONV,
      run: ({ emit }) => {
        emit({ type: 'delta', text: 'half' });
        return Promise.reject(new Error('provider went away'));
      },
    });
    const events = await collect(registry.follow(id, USER, 0));
    expect(events.map((e) => e.event)).toEqual([
      { type: 'delta', text: 'half' },
      { type: 'error', message: 'provider went away' },
    ]);
    expect(registry.get(id, USER)).toMatchObject({ status: 'error', error: 'provider went away' });
  });

  it('refuses a second exclusive job in the same conversation with CONFLICT', async () => {
    const c = controllable();
    const first = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      exclusive: true,
      run: async ({ signal }) => {
        await c.wait(signal);
        return {};
      },
    });
    const run = () => Promise.resolve({});
    await expectTrpcCode(
      Promise.resolve().then(() =>
        registry.start({ kind: 'reply', userId: USER, conversationId: CONV, exclusive: true, run }),
      ),
      'CONFLICT',
    );
    // Other kinds may run alongside.
    registry.start({ kind: 'doubt', userId: USER, conversationId: CONV, exclusive: true, run });
    c.next();
    await registry.settled(first);
    registry.start({ kind: 'reply', userId: USER, conversationId: CONV, exclusive: true, run });
  });

  it("another user's job looks missing", async () => {
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: () => Promise.resolve({}),
    });
    await registry.settled(id);
    expect(registry.get(id, OTHER)).toBeUndefined();
    await expectTrpcCode(collect(registry.follow(id, OTHER, 0)), 'NOT_FOUND');
    expect(registry.active(OTHER)).toEqual([]);
  });

  it('after eviction a finished job replays only its final event, from the database', async () => {
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: ({ emit }) => {
        emit({ type: 'delta', text: 'x' });
        return Promise.resolve({ messageIds: ['m9'] });
      },
    });
    await registry.settled(id);
    await new Promise((r) => setTimeout(r, 80)); // retention is 50 ms here
    const events = await collect(registry.follow(id, USER, 0));
    expect(events).toEqual([{ id: 2, event: { type: 'done', messageIds: ['m9'] } }]);
    expect(await collect(registry.follow(id, USER, 2))).toEqual([]);
    expect(registry.get(id, USER)).toMatchObject({ status: 'done', lastActivityAt: null });
  });

  it('shutdown interrupts running jobs instead of calling them cancelled', async () => {
    let sawShutdown = false;
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: ({ signal }) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            sawShutdown = abortedByShutdown(signal);
            reject(new Error('aborted'));
          });
        }),
    });
    await registry.shutdown();
    expect(sawShutdown).toBe(true);
    expect(handle.db.select().from(jobs).get()).toMatchObject({ id, status: 'interrupted' });
  });

  it('a follower that disconnects stops waiting', async () => {
    const c = controllable();
    const id = registry.start({
      kind: 'reply',
      userId: USER,
      conversationId: CONV,
      run: async ({ signal }) => {
        await c.wait(signal);
        return {};
      },
    });
    const disconnect = new AbortController();
    const pending = collect(registry.follow(id, USER, 0, disconnect.signal));
    disconnect.abort();
    expect(await pending).toEqual([]);
    expect(registry.active(USER)).toHaveLength(1); // the job itself goes on
    c.next();
    await registry.settled(id);
  });
});
