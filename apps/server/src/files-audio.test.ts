/** `GET /files/audio/:id` over real HTTP: owner only, inline MP3, byte ranges for seeking. */
import { startFakeOpenAI, type FakeOpenAI } from '@margin/api/testing';
import { eq, messageQueries, users } from '@margin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing.js';

let fake: FakeOpenAI;
let server: TestServer;
let adminCookie: string;
let bobCookie: string;
let audioUrl: string;

interface TrpcOk<T> {
  result: { data: { json: T } };
}

async function call<T>(path: string, input: unknown, cookie: string): Promise<T> {
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { origin: server.url, cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ json: input }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as TrpcOk<T>).result.data.json;
}

async function signIn(path: 'auth.setup' | 'auth.login', email: string): Promise<string> {
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ json: { email, password: 'a long password 1' } }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await startTestServer({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_CHAT: 'fake-chat',
    MODEL_TTS: 'fake-tts',
  });
  adminCookie = await signIn('auth.setup', 'admin@example.com');
  await call(
    'admin.users.create',
    { email: 'bob@example.com', password: 'a long password 1' },
    adminCookie,
  );
  bobCookie = await signIn('auth.login', 'bob@example.com');
  const conversation = await call<{ id: string }>(
    'conversations.create',
    { domain: 'assistant' },
    adminCookie,
  );
  const { db } = server.services;
  const userId =
    db.select().from(users).where(eq(users.email, 'admin@example.com')).get()?.id ?? '';
  const [message] = messageQueries.insertMessages({
    db,
    rows: [
      {
        conversationId: conversation.id,
        userId,
        role: 'assistant',
        content: 'Hello from the speaker. '.repeat(20),
        position: 0,
      },
    ],
  });
  const started = await call<{ jobId: string }>(
    'audio.tts',
    { messageId: message?.id },
    adminCookie,
  );
  await server.services.jobs.settled(started.jobId);
  const input = encodeURIComponent(JSON.stringify({ json: { messageId: message?.id } }));
  const res = await fetch(`${server.url}/trpc/audio.ttsStatus?input=${input}`, {
    headers: { origin: server.url, cookie: adminCookie },
  });
  const status = ((await res.json()) as TrpcOk<{ status: string; audioUrl: string }>).result.data
    .json;
  expect(status.status).toBe('ready');
  audioUrl = status.audioUrl;
});
afterAll(async () => {
  await server.stop();
  await fake.close();
});

describe('GET /files/audio/:id', () => {
  it('serves the owner the MP3 inline, with ranges', async () => {
    const res = await fetch(`${server.url}${audioUrl}`, { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3).toString()).toBe('ID3');

    const part = await fetch(`${server.url}${audioUrl}`, {
      headers: { cookie: adminCookie, range: 'bytes=3-9' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 3-9/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(3, 10))).toBe(true);
  });

  it('is not found for anyone else and needs sign-in', async () => {
    const other = await fetch(`${server.url}${audioUrl}`, { headers: { cookie: bobCookie } });
    expect(other.status).toBe(404);
    const anonymous = await fetch(`${server.url}${audioUrl}`);
    expect(anonymous.status).toBe(401);
    const missing = await fetch(`${server.url}/files/audio/nope`, {
      headers: { cookie: adminCookie },
    });
    expect(missing.status).toBe(404);
  });
});
