/**
 * Sidebar, message paging and search at scale (ARCHITECTURE § 10): 10k conversations, a
 * 10k-message conversation, 100k messages searched. Rows are seeded with raw SQL for speed; the
 * measured calls go through the real routers (tRPC caller with a real session).
 */
import { createAppServices } from '@margin/api';
import { openDb } from '@margin/db';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadEnv } from '../env.js';
import { sessionCaller } from './fixtures.js';
import { ms, timeRuns, type ReportRow } from './stats.js';

const WORDS =
  'trace jit compiler loop type guard register allocation interpreter bytecode hot path side exit nested tree recorder speculation deoptimise cache inline call frame stack heap garbage collector benchmark'.split(
    ' ',
  );

function sentence(i: number): string {
  const n = 12 + (i % 17);
  const words: string[] = [];
  let x = (i + 1) >>> 0;
  for (let k = 0; k < n; k++) {
    // xorshift32: a cheap deterministic spread of words over the vocabulary.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words.push(WORDS[x % WORDS.length] ?? 'word');
  }
  return `${words.join(' ')} item-${i}.`;
}

export async function benchOrganise(): Promise<ReportRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'margin-bench-'));
  const env = loadEnv({ DATA_DIR: dir });
  env.config.auth.scrypt = { N: 1024, r: 8, p: 1 };
  // Benchmarks measure speed, not the per-user request budget.
  env.config.auth.requestsPerMinute = 1e9;
  const handle = openDb(env.dbFile);
  try {
    const services = createAppServices({
      config: env.config,
      logger: pino({ level: 'silent' }),
      dbHandle: handle,
    });
    const api = sessionCaller(services);
    const user = await api.auth.setup({ email: 'bench@example.com', password: 'bench password 1' });
    const workspaces = await api.workspaces.list({ domain: 'assistant' });
    const workspaceId = workspaces[0]?.id;
    if (!workspaceId) throw new Error('no default workspace');

    const { sqlite } = handle;
    const insertConversation = sqlite.prepare(
      `insert into conversations (id, user_id, workspace_id, domain, title, last_activity_at, created_at, updated_at)
       values (?, ?, ?, 'assistant', ?, ?, ?, ?)`,
    );
    const insertMessage = sqlite.prepare(
      `insert into messages (id, conversation_id, user_id, role, content, position, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 'complete', ?, ?)`,
    );
    const now = Date.now();
    const conversationIds: string[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const id = randomUUID();
        conversationIds.push(id);
        const t = now - i * 60_000;
        insertConversation.run(id, user.id, workspaceId, `Conversation ${i}`, t, t, t);
      }
    })();
    const big = conversationIds[0] ?? '';
    // 10k messages in one conversation, 90k more spread over 900 others: 100k to search.
    sqlite.transaction(() => {
      for (let p = 0; p < 10_000; p++) {
        insertMessage.run(
          randomUUID(),
          big,
          user.id,
          p % 2 ? 'assistant' : 'user',
          sentence(p),
          p,
          now,
          now,
        );
      }
      for (let c = 1; c <= 900; c++) {
        const cid = conversationIds[c] ?? big;
        for (let p = 0; p < 100; p++) {
          const i = c * 1000 + p;
          insertMessage.run(
            randomUUID(),
            cid,
            user.id,
            p % 2 ? 'assistant' : 'user',
            sentence(i),
            p,
            now,
            now,
          );
        }
      }
    })();

    const list = await timeRuns(
      () => api.conversations.list({ domain: 'assistant', limit: 50 }),
      300,
    );
    const firstPage = await api.conversations.list({ domain: 'assistant', limit: 50 });
    const deepCursor = firstPage.nextCursor ?? undefined;
    const listDeep = await timeRuns(
      () => api.conversations.list({ domain: 'assistant', limit: 50, cursor: deepCursor }),
      300,
    );
    const page = await timeRuns(() => api.messages.list({ conversationId: big, limit: 50 }), 300);
    const common = await api.conversations.search({ query: 'speculation deoptimise', limit: 20 });
    if (common.length < 20) throw new Error('bench data: the common-terms query should match');
    const search = await timeRuns(
      () => api.conversations.search({ query: 'speculation deoptimise', limit: 20 }),
      100,
    );
    const single = await timeRuns(
      () => api.conversations.search({ query: 'trace', limit: 20 }),
      50,
    );
    const searchRare = await timeRuns(
      () => api.conversations.search({ query: 'item-4242', limit: 20 }),
      100,
    );
    return [
      {
        what: '`conversations.list` first page of 50, 10k conversations (p50 / p95)',
        measured: `${ms(list.p50)} / ${ms(list.p95)}`,
        budget: '≤ 10 ms p95',
        pass: list.p95 <= 10,
      },
      {
        what: '`conversations.list` second page (cursor), 10k conversations (p50 / p95)',
        measured: `${ms(listDeep.p50)} / ${ms(listDeep.p95)}`,
        budget: '≤ 10 ms p95',
        pass: listDeep.p95 <= 10,
      },
      {
        what: '`messages.list` page of 50, 10k-message conversation (p50 / p95)',
        measured: `${ms(page.p50)} / ${ms(page.p95)}`,
        budget: '≤ 10 ms p95',
        pass: page.p95 <= 10,
      },
      {
        what: '`conversations.search` common terms over 100k messages (p50 / p95)',
        measured: `${ms(search.p50)} / ${ms(search.p95)}`,
        budget: '≤ 50 ms p95',
        pass: search.p95 <= 50,
      },
      {
        what: '`conversations.search` one word in ~40% of 100k messages, prefix match (p50 / p95)',
        measured: `${ms(single.p50)} / ${ms(single.p95)}`,
        budget: '≤ 50 ms p95',
        pass: single.p95 <= 50,
      },
      {
        what: '`conversations.search` rare hyphenated term over 100k messages (p50 / p95)',
        measured: `${ms(searchRare.p50)} / ${ms(searchRare.p95)}`,
        budget: '≤ 50 ms p95',
        pass: searchRare.p95 <= 50,
      },
    ];
  } finally {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
