/**
 * Streaming overhead and concurrency (ARCHITECTURE § 10): time to first token and total stream
 * time through Margin (chat.send over HTTP, jobs.follow over SSE) against the same fake provider
 * called straight with the SDK, in one run; then 50 concurrent replies with reads alongside.
 */
import { startFakeOpenAI, type FakeOpenAI } from '@margin/api/testing';
import type { JobEvent } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { apiTokenFor, startTestServer, tokenClient, type TokenClient } from '../testing.js';
import { ms, summarise, type ReportRow } from './stats.js';

const CHUNKS = Array.from({ length: 50 }, (_, i) => `tok${i} `);
const CHUNK_DELAY_MS = 4;
const RUNS = 100;
// Both paths warm up first: a running server has long since compiled its hot code.
const WARMUP = 40;

type Api = TokenClient;

/** Sends and follows one reply; returns ms to first delta and to the end, and the text. */
async function viaMargin(
  api: Api,
  conversationId: string,
): Promise<{ first: number; total: number; text: string; events: number }> {
  const start = performance.now();
  // The client picks the job id, so it can follow without waiting for the send's answer: the
  // send goes out first (as in any client), the follow right behind it.
  const jobId = randomUUID();
  return new Promise((resolve, reject) => {
    let first = 0;
    let text = '';
    let events = 0;
    api.chat.send
      .mutate({ conversationId, text: 'bench', options: { historyTurns: 'none' }, jobId })
      .catch(reject);
    const sub = api.jobs.follow.subscribe(
      { jobId, waitForStart: true },
      {
        onData: ({ data }: { data: JobEvent }) => {
          events++;
          if (data.type === 'delta') {
            if (!first) first = performance.now() - start;
            text += data.text;
          } else if (data.type === 'done' || data.type === 'error' || data.type === 'cancelled') {
            sub.unsubscribe();
            if (data.type !== 'done') reject(new Error(`reply ended with ${data.type}`));
            else resolve({ first, total: performance.now() - start, text, events });
          }
        },
        onError: reject,
      },
    );
  });
}

async function direct(sdk: OpenAI): Promise<{ first: number; total: number }> {
  const start = performance.now();
  const stream = await sdk.chat.completions.create({
    model: 'fake-chat',
    stream: true,
    messages: [{ role: 'user', content: 'bench' }],
  });
  let first = 0;
  for await (const chunk of stream) {
    if (!first && chunk.choices[0]?.delta.content) first = performance.now() - start;
  }
  return { first, total: performance.now() - start };
}

async function overhead(fake: FakeOpenAI, api: Api): Promise<ReportRow[]> {
  const sdk = new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
  const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
  const margin: { first: number; total: number }[] = [];
  const raw: { first: number; total: number }[] = [];
  // Interleaved so both see the same machine state.
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const m = await viaMargin(api, conversation.id);
    const d = await direct(sdk);
    if (i >= WARMUP) {
      margin.push(m);
      raw.push(d);
    }
  }
  const firstDiff = summarise(margin.map((m, i) => m.first - (raw[i]?.first ?? 0)));
  const ratio = summarise(margin.map((m, i) => m.total / (raw[i]?.total ?? 1)));
  const direct50 = summarise(raw.map((r) => r.first));
  return [
    {
      what: `\`chat.send\` → first delta over SSE, minus the provider called directly (${RUNS} runs; direct TTFT p50 ${ms(direct50.p50)})`,
      measured: `median +${ms(firstDiff.p50)}, p95 +${ms(firstDiff.p95)}`,
      budget: '≤ +8 ms median, ≤ +12 ms p95',
      pass: firstDiff.p50 <= 8 && firstDiff.p95 <= 12,
    },
    {
      what: `Total stream time ratio, Margin / direct (${CHUNKS.length} chunks, ${CHUNK_DELAY_MS} ms apart)`,
      measured: `median ${ratio.p50.toFixed(3)}, p95 ${ratio.p95.toFixed(3)}`,
      budget: '≤ 1.05',
      pass: ratio.p50 <= 1.05,
    },
  ];
}

async function concurrency(api: Api): Promise<ReportRow[]> {
  const expected = CHUNKS.join('');
  const conversations = await Promise.all(
    Array.from({ length: 50 }, () => api.conversations.create.mutate({ domain: 'assistant' })),
  );
  let readErrors = 0;
  let reads = 0;
  const run = { streaming: true };
  const reader = (async () => {
    while (run.streaming) {
      await Promise.all(
        conversations.slice(0, 10).map((c) =>
          api.messages.list.query({ conversationId: c.id }).then(
            () => reads++,
            () => readErrors++,
          ),
        ),
      );
    }
  })();
  const start = performance.now();
  const results = await Promise.allSettled(conversations.map((c) => viaMargin(api, c.id)));
  const elapsed = performance.now() - start;
  run.streaming = false;
  await reader;
  const failed = results.filter((r) => r.status === 'rejected').length;
  const incomplete = results.filter(
    (r) => r.status === 'fulfilled' && r.value.text !== expected,
  ).length;
  return [
    {
      what: `50 concurrent streaming replies (${CHUNKS.length} chunks each) + ${reads} concurrent \`messages.list\` reads, ${ms(elapsed)}`,
      measured: `${failed} failed replies, ${incomplete} with missing/out-of-order text, ${readErrors} failed reads`,
      budget: '0 SQLITE_BUSY, no lost events',
      pass: failed === 0 && incomplete === 0 && readErrors === 0,
    },
  ];
}

export async function benchChat(): Promise<ReportRow[]> {
  const fake = await startFakeOpenAI();
  fake.setDefaultResponder(() => ({ chunks: CHUNKS, chunkDelayMs: CHUNK_DELAY_MS }));
  const server = await startTestServer(
    {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'k',
      MODEL_CHAT: 'fake-chat',
      MODEL_FAST: 'fake-fast',
    },
    (env) => {
      env.config.auth.requestsPerMinute = 1e9;
      // After-turn calls would add provider load unrelated to streaming; measure replies alone.
      env.config.llm.roles.fast = undefined;
    },
  );
  try {
    const api = tokenClient(
      server.url,
      await apiTokenFor(server.url, {
        email: 'bench@example.com',
        password: 'bench password 1',
        setup: true,
      }),
    );
    return [...(await overhead(fake, api)), ...(await concurrency(api))];
  } finally {
    await server.stop();
    await fake.close();
  }
}
