import { audioQueries, messageQueries, type MessageRow } from '@margin/db';
import type { JobEvent } from '@margin/shared';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audioDir, audioFilePath } from '../services/audio/storage.js';
import { decodeFakeAudio, startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
let conversationId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

async function setUp(overrides: Parameters<typeof createTestHarness>[0] = {}) {
  fake.reset();
  h = createTestHarness({ llm: fakeLlmConfig(fake.url), ...overrides });
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
}

function answer(content: string): MessageRow {
  const position = messageQueries.nextPosition({ db: h.services.db, conversationId });
  const [question, reply] = messageQueries.insertMessages({
    db: h.services.db,
    rows: [
      { conversationId, userId: ada.user.id, role: 'user', content: 'Tell me.', position },
      { conversationId, userId: ada.user.id, role: 'assistant', content, position: position + 1 },
    ],
  });
  if (!question || !reply) throw new Error('insert failed');
  return reply;
}

async function follow(jobId: string): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const item of await ada.client.api.jobs.follow({ jobId })) {
    events.push((item as unknown as [string, JobEvent])[1]);
  }
  await h.services.jobs.settled(jobId);
  return events;
}

/** Requests a clip, waits for it and returns the stored bytes and the job's events. */
async function speak(
  messageId: string,
  opts: { variant?: 'full' | 'short'; recompute?: boolean } = {},
): Promise<{ url: string; bytes: Buffer; events: JobEvent[] }> {
  const res = await ada.client.api.audio.tts({ messageId, ...opts });
  expect(res.status).toBe('generating');
  const events = await follow(res.jobId ?? '');
  expect(events.at(-1)).toEqual({ type: 'done', messageIds: [] });
  const status = await ada.client.api.audio.ttsStatus({ messageId, variant: opts.variant });
  expect(status.status).toBe('ready');
  const url = status.audioUrl ?? '';
  const clip = audioQueries.findClipById({ db: h.services.db, id: url.split('/').at(-1) ?? '' });
  const path = audioFilePath(h.services.config.documents.filesDir, clip?.storageKey ?? '');
  return { url, bytes: readFileSync(path), events };
}

const speechRequests = () => fake.requests.filter((r) => r.path === '/v1/audio/speech');
const speechInputs = () => speechRequests().map((r) => (r.body as { input: string }).input);

function audioForm(bytes: Uint8Array | string, type = 'audio/webm'): FormData {
  const fd = new FormData();
  fd.set('audio', new File([bytes], 'recording.webm', { type }));
  return fd;
}

const WEBM = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8]);

describe('audio.tts', () => {
  beforeEach(() => setUp());
  afterEach(() => h.close());

  it('speaks the stripped text and serves it from the cache afterwards', async () => {
    const msg = answer(
      '# Result\n\nThe **answer** is [here](https://x.example).\n\n```js\nx()\n```',
    );
    const { url, bytes, events } = await speak(msg.id);
    expect(url).toMatch(/^\/files\/audio\/[0-9a-f-]{36}$/);
    expect(decodeFakeAudio(bytes)).toEqual(['Result. The answer is here. (js code omitted)']);
    expect(events).toContainEqual({ type: 'progress', done: 1, total: 1 });
    expect(speechRequests()[0]?.body).toMatchObject({ model: 'fake-tts', voice: 'alloy' });

    fake.reset();
    expect(await ada.client.api.audio.tts({ messageId: msg.id })).toEqual({
      status: 'ready',
      audioUrl: url,
    });
    expect(speechRequests()).toHaveLength(0);
  });

  it('splits long answers at sentences and joins the parts in order', async () => {
    const sentences = Array.from({ length: 300 }, (_, i) => `Sentence number ${i + 1} is here.`);
    const msg = answer(sentences.join(' '));
    const { bytes, events } = await speak(msg.id);
    const inputs = speechInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    expect(inputs.every((i) => i.length <= 4096)).toBe(true);
    const decoded = decodeFakeAudio(bytes);
    expect(decoded).toHaveLength(inputs.length);
    // Concurrent requests may arrive in any order; the file is always in text order.
    expect(decoded.join(' ')).toBe(sentences.join(' '));
    expect(new Set(decoded)).toEqual(new Set(inputs));
    expect(events.filter((e) => e.type === 'progress').at(-1)).toEqual({
      type: 'progress',
      done: inputs.length,
      total: inputs.length,
    });
  });

  it('regenerates after the message is edited, and on recompute', async () => {
    const msg = answer('First version.');
    const first = await speak(msg.id);
    await ada.client.api.messages.edit({ id: msg.id, content: 'Second version.' });
    expect(await ada.client.api.audio.ttsStatus({ messageId: msg.id })).toEqual({
      status: 'none',
    });
    const second = await speak(msg.id);
    expect(second.url).not.toBe(first.url);
    expect(decodeFakeAudio(second.bytes)).toEqual(['Second version.']);

    fake.reset();
    const third = await speak(msg.id, { recompute: true });
    expect(speechInputs()).toEqual(['Second version.']);
    expect(third.url).not.toBe(second.url);
    // The replaced clips' files are gone.
    expect(readdirSync(audioDir(h.services.config.documents.filesDir))).toHaveLength(1);
  });

  it('short uses the fast model to condense', async () => {
    fake.script({
      content: 'A **short** spoken summary.',
      match: (body) => body.model === 'fake-fast',
    });
    const msg = answer('One. Two. Three. Four. Five. Six.');
    const { bytes } = await speak(msg.id, { variant: 'short' });
    expect(fake.chatRequests().map((r) => r.model)).toEqual(['fake-fast']);
    expect(decodeFakeAudio(bytes)).toEqual(['A short spoken summary.']);
    // Full and short are cached separately.
    expect((await ada.client.api.audio.ttsStatus({ messageId: msg.id })).status).toBe('none');
  });

  it('short falls back to the first sentences without a fast model', async () => {
    await h.close();
    const llm = fakeLlmConfig(fake.url);
    await setUp({ llm: { ...llm, roles: { ...llm.roles, fast: undefined } } });
    const msg = answer('One. Two. Three. Four. Five. Six.');
    const { bytes } = await speak(msg.id, { variant: 'short' });
    expect(fake.chatRequests()).toHaveLength(0);
    expect(decodeFakeAudio(bytes)).toEqual(['One. Two. Three.']);
  });

  it('reports a provider failure as failed with the reason', async () => {
    fake.failNext('speech', { status: 400, errorMessage: 'voice unsupported' });
    const msg = answer('Hello there.');
    const res = await ada.client.api.audio.tts({ messageId: msg.id });
    const events = await follow(res.jobId ?? '');
    expect(events.at(-1)?.type).toBe('error');
    const status = await ada.client.api.audio.ttsStatus({ messageId: msg.id });
    expect(status.status).toBe('failed');
    expect(status.error).toMatch(/voice unsupported/);
    // Trying again generates anew.
    expect((await speak(msg.id)).bytes.length).toBeGreaterThan(0);
  });

  it('deletes the files with the message and with the conversation', async () => {
    const dir = audioDir(h.services.config.documents.filesDir);
    const a = answer('Alpha.');
    await speak(a.id);
    await ada.client.api.messages.delete({ id: a.id });
    expect(readdirSync(dir)).toHaveLength(0);
    const b = answer('Beta.');
    await speak(b.id);
    expect(readdirSync(dir)).toHaveLength(1);
    await ada.client.api.conversations.delete({ id: conversationId });
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it('hides other users’ messages on every procedure', async () => {
    const msg = answer('Private.');
    await speak(msg.id);
    await expectTrpcCode(bob.client.api.audio.tts({ messageId: msg.id }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.audio.ttsStatus({ messageId: msg.id }), 'NOT_FOUND');
    await expectTrpcCode(
      bob.client.api.audio.tts({ messageId: 'missing', recompute: true }),
      'NOT_FOUND',
    );
  });

  it('refuses an empty message', async () => {
    const msg = answer('  ');
    await expectTrpcCode(ada.client.api.audio.tts({ messageId: msg.id }), 'BAD_REQUEST');
  });
});

describe('audio.transcribe', () => {
  beforeEach(() => setUp());
  afterEach(() => h.close());

  it('returns the transcription of a recording', async () => {
    fake.setTranscription('  hello from the mic  ');
    expect(await ada.client.api.audio.transcribe(audioForm(WEBM))).toEqual({
      text: 'hello from the mic',
    });
    expect(fake.requests.at(-1)?.body).toMatchObject({
      fields: { model: 'fake-stt' },
      files: [{ filename: 'recording.webm', contentType: 'audio/webm', size: WEBM.length }],
    });
  });

  it('detects wav, ogg and mp3 from the bytes', async () => {
    const wav = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(8)]);
    const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(8)]);
    const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(8)]);
    for (const bytes of [wav, ogg, mp3]) {
      const res = await ada.client.api.audio.transcribe(audioForm(bytes, ''));
      expect(res.text).toBe(`fake transcription of ${bytes.length} bytes`);
    }
    expect(
      fake.requests.map(
        (r) => (r.body as { files: { contentType: string }[] }).files[0]?.contentType,
      ),
    ).toEqual(['audio/wav', 'audio/ogg', 'audio/mpeg']);
  });

  it('refuses empty, non-audio, too large and missing recordings', async () => {
    await expectTrpcCode(ada.client.api.audio.transcribe(audioForm('')), 'BAD_REQUEST');
    await expectTrpcCode(
      ada.client.api.audio.transcribe(audioForm('%PDF-1.4 not audio', 'audio/webm')),
      'BAD_REQUEST',
    );
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(WEBM);
    await expectTrpcCode(ada.client.api.audio.transcribe(audioForm(big)), 'BAD_REQUEST');
    await expectTrpcCode(ada.client.api.audio.transcribe(new FormData()), 'BAD_REQUEST');
    expect(fake.requests).toHaveLength(0);
  });

  it('needs a signed-in user', async () => {
    await expectTrpcCode(h.client().api.audio.transcribe(audioForm(WEBM)), 'UNAUTHORIZED');
    await expectTrpcCode(h.client().api.audio.tts({ messageId: 'x' }), 'UNAUTHORIZED');
  });
});

describe('without models', () => {
  beforeEach(async () => {
    const llm = fakeLlmConfig('http://127.0.0.1:9/v1');
    await setUp({ llm: { ...llm, roles: { ...llm.roles, tts: undefined, stt: undefined } } });
  });
  afterEach(() => h.close());

  it('explains what to configure', async () => {
    const msg = answer('Hello.');
    const tts = await expectTrpcCode(
      ada.client.api.audio.tts({ messageId: msg.id }),
      'PRECONDITION_FAILED',
    );
    expect(tts.message).toMatch(/MODEL_TTS/);
    const stt = await expectTrpcCode(
      ada.client.api.audio.transcribe(audioForm(WEBM)),
      'PRECONDITION_FAILED',
    );
    expect(stt.message).toMatch(/MODEL_STT/);
    // Ownership is still checked first.
    await expectTrpcCode(bob.client.api.audio.tts({ messageId: msg.id }), 'NOT_FOUND');
    expect(existsSync(audioDir(h.services.config.documents.filesDir))).toBe(false);
  });
});
