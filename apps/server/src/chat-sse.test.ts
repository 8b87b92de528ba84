/**
 * Chat over real HTTP: jobs.follow as server-sent events through @trpc/client, resume with
 * lastEventId, and a hard crash (kill -9) mid-stream followed by a restart.
 */
import { startFakeOpenAI, type FakeOpenAI } from '@margin/api/testing';
import type { JobEvent } from '@margin/shared';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenFor, startTestServer, tokenClient, type TestServer } from './testing.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

function llmEnv(): Record<string, string> {
  return {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_CHAT: 'fake-chat',
    MODEL_FAST: 'fake-fast',
  };
}

const client = tokenClient;
const signIn = (url: string) =>
  apiTokenFor(url, { email: 'ada@example.com', password: 'ada password 1', setup: true });

/** Follows a job over SSE until its terminal event (or `stopAfter` events). */
function followOverSse(
  api: ReturnType<typeof client>,
  jobId: string,
  { lastEventId, stopAfter }: { lastEventId?: string; stopAfter?: number } = {},
): Promise<{ id: string; event: JobEvent }[]> {
  return new Promise((resolve, reject) => {
    const seen: { id: string; event: JobEvent }[] = [];
    const sub = api.jobs.follow.subscribe(
      { jobId, lastEventId },
      {
        onData: ({ id, data }) => {
          seen.push({ id, event: data });
          if (seen.length === stopAfter) {
            sub.unsubscribe();
            resolve(seen);
          }
        },
        onComplete: () => resolve(seen),
        onStopped: () => resolve(seen),
        onError: reject,
      },
    );
  });
}

describe('chat over HTTP + SSE', () => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await startTestServer(llmEnv());
    api = client(server.url, await signIn(server.url));
  });
  afterAll(() => server.stop());

  it('streams a reply as tracked SSE events and resumes after lastEventId', async () => {
    fake.script({
      chunks: ['one ', 'two ', 'three ', 'four'],
      chunkDelayMs: 30,
      match: (b) => b.model === 'fake-chat',
    });
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
    const sent = await api.chat.send.mutate({ conversationId: conversation.id, text: 'count' });
    const first = await followOverSse(api, sent.jobId, { stopAfter: 3 });
    const rest = await followOverSse(api, sent.jobId, { lastEventId: first.at(-1)?.id });
    const all = [...first, ...rest];
    expect(all.map((e) => Number(e.id))).toEqual(all.map((_, i) => i + 1));
    const text = all.flatMap((e) => (e.event.type === 'delta' ? [e.event.text] : [])).join('');
    expect(text).toBe('one two three four');
    expect(all.at(-1)?.event).toEqual({ type: 'done', messageIds: sent.assistantMessageIds });
    // A finished job replays only its final event.
    const replay = await followOverSse(api, sent.jobId);
    expect(replay.at(-1)?.event.type).toBe('done');
    const page = await api.messages.list.query({ conversationId: conversation.id });
    expect(page.items.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'count', 'complete'],
      ['assistant', 'one two three four', 'complete'],
    ]);
  });
});

describe('crash mid-stream', () => {
  const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  let dataDir: string;
  let child: ChildProcess | undefined;

  function startProcess(): Promise<string> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [mainJs], {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
          ...llmEnv(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let buffer = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(buffer);
        if (match?.[1]) resolve(match[1]);
      });
      proc.once('exit', (code) =>
        reject(new Error(`server exited early (${String(code)}): ${buffer}`)),
      );
    });
  }

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'margin-crash-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the partial answer, marked interrupted, after kill -9 and restart', async () => {
    let url = await startProcess();
    const token = await signIn(url);
    let api = client(url, token);
    fake.script({
      chunks: Array.from({ length: 40 }, (_, i) => `w${i} `),
      chunkDelayMs: 40,
      match: (b) => b.model === 'fake-chat',
    });
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
    const sent = await api.chat.send.mutate({
      conversationId: conversation.id,
      text: 'long answer please',
    });
    const seen = await followOverSse(api, sent.jobId, { stopAfter: 15 });
    const streamed = seen.flatMap((e) => (e.event.type === 'delta' ? [e.event.text] : [])).join('');
    const exited = new Promise((r) => child?.once('exit', r));
    child?.kill('SIGKILL');
    await exited;

    url = await startProcess();
    // The token survives the restart: it is a database row, not process state.
    api = client(url, token);
    const page = await api.messages.list.query({ conversationId: conversation.id });
    const answer = page.items.find((m) => m.role === 'assistant');
    expect(answer?.status).toBe('interrupted');
    expect(answer?.content.length).toBeGreaterThan(0);
    expect(streamed.startsWith(answer?.content ?? '!')).toBe(true);
    const job = await api.jobs.get.query({ jobId: sent.jobId });
    expect(job.status).toBe('interrupted');
    const replay = await followOverSse(api, sent.jobId);
    expect(replay.at(-1)?.event.type).toBe('error');
  });
});
