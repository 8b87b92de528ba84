/**
 * `pnpm load [--duration <seconds>] [--users <n>]`: a load run on loopback against the built
 * server in its own process. Each simulated user browses (sidebar, messages, search) and now and
 * then sends a message and follows the streamed answer from the fake provider. Reports
 * throughput, p50/p95 per operation, errors (must be 0) and the server's memory over the run;
 * writes bench/LOAD.md. CI runs a short form; the full form is ten minutes.
 */
import { startFakeOpenAI } from '@margin/api/testing';
import type { JobEvent } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBuiltServer } from '../built-server.js';
import { apiTokenFor, tokenClient, type TokenClient } from '../testing.js';
import { ms, summarise } from './stats.js';

interface Op {
  name: string;
  samples: number[];
  errors: string[];
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function reply(api: TokenClient, conversationId: string, text: string): Promise<void> {
  const jobId = randomUUID();
  return new Promise((resolve, reject) => {
    const sub = api.jobs.follow.subscribe(
      { jobId, waitForStart: true },
      {
        onData: ({ data }: { data: JobEvent }) => {
          if (data.type === 'done') {
            sub.unsubscribe();
            resolve();
          } else if (data.type === 'error' || data.type === 'cancelled') {
            sub.unsubscribe();
            reject(new Error(`reply ended with ${data.type}`));
          }
        },
        onError: reject,
      },
    );
    api.chat.send
      .mutate({ conversationId, text, options: { historyTurns: 4 }, jobId })
      .catch((err: unknown) => {
        sub.unsubscribe();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '600' },
      users: { type: 'string', default: '20' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const users = Number(values.users);
  const fake = await startFakeOpenAI();
  fake.setDefaultResponder(() => ({
    chunks: Array.from({ length: 30 }, (_, i) => `part${String(i)} `),
    chunkDelayMs: 10,
  }));
  const dataDir = mkdtempSync(join(tmpdir(), 'margin-load-'));
  const server = await startBuiltServer({
    dataDir,
    env: {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'k',
      MODEL_CHAT: 'fake-chat',
      // One machine plays many users: the per-user request limit is not what is measured.
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  const ops = new Map<string, Op>();
  const record = async (name: string, work: () => Promise<unknown>) => {
    const op = ops.get(name) ?? { name, samples: [], errors: [] };
    ops.set(name, op);
    const start = performance.now();
    try {
      await work();
      op.samples.push(performance.now() - start);
    } catch (err) {
      op.errors.push(err instanceof Error ? err.message : String(err));
    }
  };
  try {
    const admin = await apiTokenFor(server.url, {
      email: 'load-admin@example.com',
      password: 'load admin password',
      setup: true,
    });
    const adminApi = tokenClient(server.url, admin);
    const clients: TokenClient[] = [];
    for (let i = 0; i < users; i++) {
      const email = `user${String(i)}@example.com`;
      await adminApi.admin.users.create.mutate({ email, password: 'load user password' });
      clients.push(
        tokenClient(
          server.url,
          await apiTokenFor(server.url, { email, password: 'load user password', setup: false }),
        ),
      );
    }
    const memory: { at: number; rss: number }[] = [{ at: 0, rss: rssOf(server.process.pid ?? 0) }];
    const started = performance.now();
    const sampler = setInterval(() => {
      memory.push({ at: performance.now() - started, rss: rssOf(server.process.pid ?? 0) });
    }, 5000);
    const deadline = started + durationMs;
    await Promise.all(
      clients.map(async (api, u) => {
        const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
        for (let turn = 0; performance.now() < deadline; turn++) {
          await record('conversations.list', () =>
            api.conversations.list.query({ domain: 'assistant' }),
          );
          await record('messages.list', () =>
            api.messages.list.query({ conversationId: conversation.id }),
          );
          await record('conversations.search', () =>
            api.conversations.search.query({ query: `part${String(turn % 30)}` }),
          );
          if (turn % 3 === u % 3)
            await record('chat.send + streamed reply', () =>
              reply(api, conversation.id, `question ${String(turn)}`),
            );
        }
      }),
    );
    clearInterval(sampler);
    memory.push({ at: performance.now() - started, rss: rssOf(server.process.pid ?? 0) });
    const elapsed = performance.now() - started;
    const total = [...ops.values()].reduce((n, o) => n + o.samples.length + o.errors.length, 0);
    const errors = [...ops.values()].flatMap((o) => o.errors.map((e) => `${o.name}: ${e}`));
    const rows = [...ops.values()].map((o) => {
      const s = summarise(o.samples);
      return `| ${o.name} | ${String(o.samples.length)} | ${ms(s.p50)} | ${ms(s.p95)} | ${String(o.errors.length)} |`;
    });
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    const firstMinute = memory.filter((m) => m.at <= Math.min(60_000, elapsed / 2));
    const settled = Math.max(...firstMinute.map((m) => m.rss));
    const last = memory.at(-1)?.rss ?? 0;
    const report = [
      '# Margin load run',
      '',
      `${new Date().toISOString()}: ${String(users)} users for ${(elapsed / 1000).toFixed(0)} s on loopback (built server in its own process, fake provider streaming 30 chunks 10 ms apart). Produced by \`pnpm load\`.`,
      '',
      `Throughput: ${(total / (elapsed / 1000)).toFixed(1)} operations/s; errors: ${String(errors.length)}.`,
      `Server memory (RSS): start ${mb(memory[0]?.rss ?? 0)}, highest during warm-up (first minute or half) ${mb(settled)}, end ${mb(last)} (${last > settled ? '+' : ''}${mb(last - settled)} after warm-up), peak ${mb(Math.max(...memory.map((m) => m.rss)))}.`,
      '',
      '| Operation | Count | p50 | p95 | Errors |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      ...(errors.length ? ['Errors:', ...errors.slice(0, 20).map((e) => `- ${e}`)] : []),
    ].join('\n');
    process.stdout.write(`${report}\n`);
    const target = fileURLToPath(new URL('../../../../bench/LOAD.md', import.meta.url));
    writeFileSync(target, `${report}\n`);
    if (errors.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
