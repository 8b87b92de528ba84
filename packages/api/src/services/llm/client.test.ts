import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../config.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../testing/fake-openai.js';
import { silentLogger } from '../logger.js';
import { describeLlmError, LlmService } from './client.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function config(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    apiKey: 'test-key',
    baseUrl: fake.url,
    models: [
      { id: 'fake-chat', label: 'Fake chat', vision: false, contextWindow: 8000 },
      { id: 'fake-vision', label: 'Fake vision', vision: true, contextWindow: 8000 },
    ],
    roles: {
      chat: 'fake-chat',
      fast: 'fake-chat',
      embedding: 'fake-embed',
      tts: undefined,
      stt: undefined,
    },
    ...overrides,
  };
}

const service = (overrides?: Partial<LlmConfig>) =>
  new LlmService({ config: config(overrides), logger: silentLogger, backoffMs: 5 });

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of gen) out.push(t);
  return out;
}

describe('LlmService', () => {
  it('says exactly what to configure when there is no provider', () => {
    const llm = service({ apiKey: undefined, baseUrl: undefined });
    expect(llm.configured).toBe(false);
    expect(llm.models()).toEqual([]);
    expect(() => llm.resolveModel('chat')).toThrow(/OPENAI_API_KEY \/ OPENAI_BASE_URL/);
    try {
      llm.resolveModel('chat');
    } catch (err) {
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe('PRECONDITION_FAILED');
    }
  });

  it('lists the catalog with the default marked and never substitutes an unknown model', () => {
    const llm = service();
    expect(llm.models().map((m) => [m.id, m.isDefault])).toEqual([
      ['fake-chat', true],
      ['fake-vision', false],
    ]);
    expect(llm.resolveModel('chat')).toBe('fake-chat');
    expect(llm.resolveModel('chat', 'fake-vision')).toBe('fake-vision');
    expect(() => llm.resolveModel('chat', 'gpt-17')).toThrow(/Unknown model "gpt-17"/);
    expect(() => llm.resolveModel('tts')).toThrow(/MODEL_TTS/);
  });

  it('streams the scripted chunks in order through the real SDK', async () => {
    fake.script({ chunks: ['Hel', 'lo', ' world'] });
    const text = await collect(
      service().streamChat({ model: 'fake-chat', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(text).toEqual(['Hel', 'lo', ' world']);
    const [req] = fake.chatRequests();
    expect(req?.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(req?.model).toBe('fake-chat');
  });

  it('retries 429 and 500 before the first token, then succeeds', async () => {
    fake.script({ status: 429 }, { status: 500 }, { chunks: ['ok'] });
    const text = await collect(
      service().streamChat({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(text).toEqual(['ok']);
    expect(fake.chatRequests()).toHaveLength(3);
  });

  it('gives up after the attempts and reports a readable error', async () => {
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(
      collect(
        service().streamChat({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] }),
      ),
    ).rejects.toSatisfy((err: unknown) => describeLlmError(err).includes('HTTP 503'));
  });

  it('does not retry a 400 and does not retry after tokens have streamed', async () => {
    fake.script({ status: 400, errorMessage: 'bad request' });
    await expect(
      collect(
        service().streamChat({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] }),
      ),
    ).rejects.toThrow();
    expect(fake.chatRequests()).toHaveLength(1);

    fake.reset();
    fake.script({ chunks: ['a', 'b', 'c'], failAfterChunks: 2 });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const t of service().streamChat({
          model: 'fake-chat',
          messages: [{ role: 'user', content: 'x' }],
        }))
          seen.push(t);
      })(),
    ).rejects.toThrow();
    expect(seen).toEqual(['a', 'b']);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('stops streaming when aborted', async () => {
    fake.script({ chunks: ['1', '2', '3', '4'], chunkDelayMs: 50 });
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const t of service().streamChat({
          model: 'fake-chat',
          messages: [{ role: 'user', content: 'x' }],
          signal: controller.signal,
        })) {
          seen.push(t);
          if (seen.length === 2) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(seen).toEqual(['1', '2']);
  });

  it('completes without streaming', async () => {
    fake.script({ content: 'A short title' });
    expect(
      await service().complete({
        model: 'fake-chat',
        messages: [{ role: 'user', content: 'title?' }],
      }),
    ).toBe('A short title');
  });

  it('embeds in request order', async () => {
    const llm = service();
    const [a, b, a2] = await llm.embed({
      texts: ['tracing jit', 'garbage collector', 'tracing jit'],
    });
    expect(a?.length).toBe(384);
    expect(Array.from(a ?? [])).toEqual(Array.from(a2 ?? []));
    expect(Array.from(a ?? [])).not.toEqual(Array.from(b ?? []));
    expect(await llm.embed({ texts: [] })).toEqual([]);
  });
});
