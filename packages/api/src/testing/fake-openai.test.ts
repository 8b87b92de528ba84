// The fake is only useful if the real openai SDK accepts what it sends, so every test goes
// through the SDK (or plain fetch for what the SDK cannot express) over loopback.
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decodeFakeAudio,
  DEFAULT_FAKE_MODELS,
  fakeEmbedding,
  startFakeOpenAI,
  type FakeOpenAI,
} from './fake-openai.js';

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: 'test', baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const user = (content: string) => ({ role: 'user' as const, content });

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
}

async function embed(input: string | string[], target = client): Promise<number[][]> {
  const res = await target.embeddings.create({ model: 'fake-embed', input });
  return res.data.map((d) => d.embedding);
}

describe('models', () => {
  it('lists the default models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(DEFAULT_FAKE_MODELS);
    expect(ids).toContain('fake-chat');
  });

  it('lists configured models and retrieves one', async () => {
    const other = await startFakeOpenAI({ models: ['m-1', 'm-2'] });
    try {
      const sdk = new OpenAI({ apiKey: 'x', baseURL: other.url, maxRetries: 0 });
      const page = await sdk.models.list();
      expect(page.data.map((m) => m.id)).toEqual(['m-1', 'm-2']);
      expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'fake-openai' });
      expect((await sdk.models.retrieve('m-2')).id).toBe('m-2');
      await expect(sdk.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
    } finally {
      await other.close();
    }
  });
});

describe('chat completions', () => {
  it('answers a non-stream request by echoing the last user message', async () => {
    const completion = await client.chat.completions.create({
      model: 'fake-fast',
      messages: [user('first'), { role: 'assistant', content: 'ok' }, user('hello there')],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('fake-fast');
    expect(completion.choices[0]?.message.content).toBe('Echo: hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it('streams scripted chunks in order, then ends with stop and a usage chunk', async () => {
    fake.script({ chunks: ['Hel', 'lo', ', world'] });
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('hi')],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const roles: string[] = [];
    const finishes: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.model).toBe('fake-chat');
      const choice = chunk.choices[0];
      if (choice?.delta.role) roles.push(choice.delta.role);
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finishes.push(choice.finish_reason);
      usage = chunk.usage ?? usage;
    }
    expect(roles).toEqual(['assistant']);
    expect(deltas).toEqual(['Hel', 'lo', ', world']);
    expect(finishes).toEqual(['stop']);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(fake.pendingScripts).toBe(0);
  });

  it('streams the echo word by word when nothing is scripted', async () => {
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('one two three')],
      stream: true,
    });
    const deltas: string[] = [];
    for await (const chunk of stream) {
      expect(chunk.usage).toBeUndefined();
      const content = chunk.choices[0]?.delta.content;
      if (content) deltas.push(content);
    }
    expect(deltas).toEqual(['Echo:', ' one', ' two', ' three']);
  });

  it('consumes scripts in order and uses the default responder afterwards', async () => {
    fake.script({ content: 'first' }, { content: 'second' });
    fake.setDefaultResponder((body) => ({ content: `default for ${body.model}` }));
    const texts: (string | null | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await client.chat.completions.create({
        model: 'fake-chat',
        messages: [user('x')],
      });
      texts.push(res.choices[0]?.message.content);
    }
    expect(texts).toEqual(['first', 'second', 'default for fake-chat']);
  });

  it('gives a scripted reply with `match` only to the request it accepts', async () => {
    fake.script({ content: 'title!', match: (body) => body.model === 'fake-fast' });
    const chat = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('a')],
    });
    expect(chat.choices[0]?.message.content).toBe('Echo: a');
    expect(fake.pendingScripts).toBe(1);
    const fast = await client.chat.completions.create({
      model: 'fake-fast',
      messages: [user('b')],
    });
    expect(fast.choices[0]?.message.content).toBe('title!');
    expect(fake.pendingScripts).toBe(0);
  });

  it('respects delayMs before the first token and chunkDelayMs between chunks', async () => {
    fake.script({ chunks: ['a', 'b', 'c'], delayMs: 150, chunkDelayMs: 60 });
    const start = performance.now();
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('x')],
      stream: true,
    });
    const arrivals: number[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - start);
    }
    expect(arrivals).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = arrivals;
    expect(first).toBeGreaterThanOrEqual(140);
    expect(first).toBeLessThan(1000);
    expect(second - first).toBeGreaterThanOrEqual(45);
    expect(third - first).toBeGreaterThanOrEqual(100);
  });

  it('applies the same total delay to a non-stream reply', async () => {
    fake.script({ chunks: ['a', 'b'], delayMs: 100, chunkDelayMs: 50 });
    const start = performance.now();
    await client.chat.completions.create({ model: 'fake-chat', messages: [user('x')] });
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('fails mid-stream after the scripted number of chunks (socket destroyed)', async () => {
    fake.script({ chunks: ['one', ' two', ' three', ' four'], failAfterChunks: 2 });
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('x')],
      stream: true,
    });
    const deltas: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) deltas.push(content);
      }
    };
    await expect(consume()).rejects.toThrow();
    expect(deltas).toEqual(['one', ' two']);
  });

  it('fails mid-stream with an SSE error event the SDK turns into an APIError', async () => {
    fake.script({
      chunks: ['a', 'b', 'c'],
      failAfterChunks: 1,
      failMode: 'error-event',
      errorMessage: 'upstream exploded',
    });
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('x')],
      stream: true,
    });
    const deltas: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) deltas.push(content);
      }
    };
    const error: unknown = await consume().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('upstream exploded');
    expect(deltas).toEqual(['a']);
  });

  it('a non-stream request scripted to fail loses its connection', async () => {
    fake.script({ content: 'never', failAfterChunks: 0 });
    await expect(
      client.chat.completions.create({ model: 'fake-chat', messages: [user('x')] }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it.each([429, 500])(
    'surfaces a scripted HTTP %i as an APIError with that status',
    async (status) => {
      fake.script({ status, errorMessage: `scripted ${status}` });
      const error: unknown = await client.chat.completions
        .create({ model: 'fake-chat', messages: [user('x')], stream: true })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ status });
      expect((error as Error).message).toContain(`scripted ${status}`);
      if (status === 429) expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    },
  );

  it('records the messages, model and headers a request carried', async () => {
    await client.chat.completions.create({
      model: 'fake-chat',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'look' }] },
      ],
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', aborted: false });
    expect(request?.headers.authorization).toBe('Bearer test');
    expect(request?.timestamp).toBeGreaterThan(Date.now() - 10_000);
    expect(fake.chatRequests()).toEqual([
      {
        model: 'fake-chat',
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: [{ type: 'text', text: 'look' }] },
        ],
      },
    ]);
  });

  it('notices a client abort and stops the stream', async () => {
    fake.script({ chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 200 });
    const stream = await client.chat.completions.create({
      model: 'fake-chat',
      messages: [user('x')],
      stream: true,
    });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content === 'a') break; // `break` aborts the request.
    }
    await vi.waitFor(() => expect(fake.requests[0]?.aborted).toBe(true), { timeout: 1000 });
  });

  it('rejects a malformed body with 400', async () => {
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-chat' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('embeddings', () => {
  it('asks for base64 through the SDK and still yields the float vectors', async () => {
    const [vector] = await embed('the quick brown fox');
    expect(fake.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(vector).toHaveLength(384);
    const expected = fakeEmbedding('the quick brown fox');
    expected.forEach((x, i) => expect(vector?.[i]).toBeCloseTo(x, 6));
  });

  it('returns floats when asked for float', async () => {
    const res = await client.embeddings.create({
      model: 'fake-embed',
      input: 'abc',
      encoding_format: 'float',
    });
    expect(res.data[0]?.embedding).toEqual(fakeEmbedding('abc'));
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('is deterministic and ranks word overlap above disjoint text', async () => {
    const [a = [], again = [], near = [], far = []] = await embed([
      'The cat sat on the mat',
      'The cat sat on the mat',
      'a cat on a mat',
      'quantum chromodynamics lecture notes',
    ]);
    expect(again).toEqual(a);
    expect(cosine(a, again)).toBeCloseTo(1, 5);
    expect(cosine(a, near)).toBeGreaterThan(0.4);
    expect(cosine(a, near)).toBeGreaterThan(cosine(a, far) + 0.3);
    expect(Math.abs(cosine(a, far))).toBeLessThan(0.3);
    // Separate requests agree too.
    const [later = []] = await embed('The cat sat on the mat');
    expect(later).toEqual(a);
  });

  it('returns an override vector exactly, until it is removed', async () => {
    fake.setEmbedding('known', [1, 0, 0, 0]);
    const [override, other] = await embed(['known', 'other']);
    expect(override).toEqual([1, 0, 0, 0]);
    expect(other).toHaveLength(384);
    fake.setEmbedding('known', undefined);
    const [normal] = await embed('known');
    expect(normal).toHaveLength(384);
  });

  it('honours the dimension option and the request dimensions field', async () => {
    const small = await startFakeOpenAI({ embeddingDimension: 16 });
    try {
      const sdk = new OpenAI({ apiKey: 'x', baseURL: small.url, maxRetries: 0 });
      const [vector = []] = await embed('hello world', sdk);
      expect(vector).toHaveLength(16);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      const res = await sdk.embeddings.create({ model: 'e', input: 'hi', dimensions: 8 });
      expect(res.data[0]?.embedding).toHaveLength(8);
    } finally {
      await small.close();
    }
  });
});

describe('speech', () => {
  it('returns a small MP3 tagged with the input text', async () => {
    const res = await client.audio.speech.create({
      model: 'fake-tts',
      voice: 'alloy',
      input: 'Hello, world.',
    });
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3).toString()).toBe('ID3');
    expect(bytes.includes(Buffer.from('Hello, world.'))).toBe(true);
    // An MPEG audio frame sync follows the tag.
    expect(bytes.indexOf(Buffer.from([0xff, 0xfb]))).toBeGreaterThan(10);
    expect(decodeFakeAudio(bytes)).toEqual(['Hello, world.']);
  });

  it('returns a WAV for wav and decodes concatenated clips in order', async () => {
    const clips: Buffer[] = [];
    for (const input of ['Première phrase.', 'Second one.']) {
      const res = await client.audio.speech.create({
        model: 'fake-tts',
        voice: 'alloy',
        input,
        response_format: 'wav',
      });
      expect(res.headers.get('content-type')).toBe('audio/wav');
      clips.push(Buffer.from(await res.arrayBuffer()));
    }
    const [first = Buffer.alloc(0)] = clips;
    expect(first.toString('latin1', 0, 4)).toBe('RIFF');
    expect(first.toString('latin1', 8, 12)).toBe('WAVE');
    expect(first.readUInt32LE(4)).toBe(first.length - 8);
    expect(decodeFakeAudio(Buffer.concat(clips))).toEqual(['Première phrase.', 'Second one.']);
    expect(fake.requests.map((r) => r.body)).toMatchObject([
      { input: 'Première phrase.' },
      { input: 'Second one.' },
    ]);
  });

  it('fails when a failure is scripted for the route', async () => {
    fake.failNext('speech', { status: 503, errorMessage: 'tts down' });
    const error: unknown = await client.audio.speech
      .create({ model: 'fake-tts', voice: 'alloy', input: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: 503 });
    // Only the next request fails.
    const ok = await client.audio.speech.create({ model: 'fake-tts', voice: 'alloy', input: 'x' });
    expect(decodeFakeAudio(Buffer.from(await ok.arrayBuffer()))).toEqual(['x']);
  });
});

describe('transcriptions', () => {
  it('returns the configured text for an uploaded file', async () => {
    fake.setTranscription('bonjour tout le monde');
    const result = await client.audio.transcriptions.create({
      file: await toFile(Buffer.from('fake webm bytes'), 'a.webm', { type: 'audio/webm' }),
      model: 'fake-stt',
    });
    expect(result.text).toBe('bonjour tout le monde');
    expect(fake.requests[0]?.body).toEqual({
      kind: 'multipart',
      fields: { model: 'fake-stt' },
      files: [{ field: 'file', filename: 'a.webm', contentType: 'audio/webm', size: 15 }],
    });
  });

  it('defaults to a text naming the byte count, also as plain text', async () => {
    const json = await client.audio.transcriptions.create({
      file: await toFile(Buffer.alloc(1234, 1), 'b.wav'),
      model: 'fake-stt',
    });
    expect(json.text).toBe('fake transcription of 1234 bytes');
    const text = await client.audio.transcriptions.create({
      file: await toFile(Buffer.alloc(10, 1), 'b.wav'),
      model: 'fake-stt',
      response_format: 'text',
    });
    expect(text).toBe('fake transcription of 10 bytes');
  });

  it('rejects an empty file with 400', async () => {
    await expect(
      client.audio.transcriptions.create({
        file: await toFile(Buffer.alloc(0), 'empty.webm'),
        model: 'fake-stt',
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('server behaviour', () => {
  it('checks the API key when one is configured', async () => {
    const locked = await startFakeOpenAI({ apiKey: 'secret' });
    try {
      const wrong = new OpenAI({ apiKey: 'nope', baseURL: locked.url, maxRetries: 0 });
      const error: unknown = await wrong.models.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
      const raw = await fetch(`${locked.url}/models`);
      expect(raw.status).toBe(401);
      expect(await raw.json()).toMatchObject({
        error: { message: expect.any(String) as unknown, type: 'invalid_request_error' },
      });
      const right = new OpenAI({ apiKey: 'secret', baseURL: locked.url, maxRetries: 0 });
      expect((await right.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await locked.close();
    }
  });

  it('answers unknown routes with an OpenAI-style 404', async () => {
    const res = await fetch(`${fake.url}/nothing/here`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        message: 'Unknown route POST /v1/nothing/here',
        type: 'invalid_request_error',
        code: 'unknown_url',
        param: null,
      },
    });
  });

  it('with strictModels, refuses a model it does not list', async () => {
    const strict = await startFakeOpenAI({ strictModels: true });
    try {
      const sdk = new OpenAI({ apiKey: 'x', baseURL: strict.url, maxRetries: 0 });
      await expect(
        sdk.chat.completions.create({ model: 'gpt-4o', messages: [user('x')] }),
      ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
      const ok = await sdk.chat.completions.create({ model: 'fake-chat', messages: [user('x')] });
      expect(ok.choices[0]?.message.content).toBe('Echo: x');
    } finally {
      await strict.close();
    }
  });

  it('reset clears requests, scripts, overrides and the responder', async () => {
    fake.script({ content: 'scripted' });
    fake.setDefaultResponder(() => ({ content: 'custom' }));
    fake.setTranscription('custom');
    await client.models.list();
    const requests = fake.requests;
    fake.reset();
    expect(requests).toHaveLength(0);
    expect(fake.pendingScripts).toBe(0);
    const res = await client.chat.completions.create({ model: 'fake-chat', messages: [user('y')] });
    expect(res.choices[0]?.message.content).toBe('Echo: y');
  });

  it('close() returns even with a stream still open', async () => {
    const other = await startFakeOpenAI();
    const sdk = new OpenAI({ apiKey: 'x', baseURL: other.url, maxRetries: 0 });
    other.script({ chunks: ['a', 'b'], delayMs: 10_000 });
    const stream = await sdk.chat.completions.create({
      model: 'fake-chat',
      messages: [user('x')],
      stream: true,
    });
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(
      (async () => {
        for await (const _ of stream) {
          /* drain */
        }
      })(),
    ).rejects.toThrow();
  });
});
