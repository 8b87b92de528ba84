import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../testing/harness.js';
import { fakeLlmConfig } from '../../testing/harness.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../testing/fake-openai.js';
import { LlmService } from '../llm/client.js';
import { silentLogger } from '../logger.js';
import {
  blobToVector,
  cosine,
  EMBED_BATCH,
  embedTexts,
  normalize,
  vectorToBlob,
} from './embeddings.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const llmWith = (config = fakeLlmConfig(fake.url)) =>
  new LlmService({ config, logger: silentLogger, attempts: 1 });

describe('embedTexts', () => {
  it('is undefined without an embedding model and calls nothing', async () => {
    const config = fakeLlmConfig(fake.url);
    const llm = llmWith({ ...config, roles: { ...config.roles, embedding: undefined } });
    expect(await embedTexts({ llm, texts: ['a'] })).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
    // No provider at all: also undefined.
    expect(await embedTexts({ llm: llmWith(testConfig().llm), texts: ['a'] })).toBeUndefined();
  });

  it('embeds in order, in batches of 64, normalised', async () => {
    fake.setEmbedding('scaled', [3, 4, ...new Array<number>(382).fill(0)]);
    const texts = Array.from({ length: EMBED_BATCH * 2 + 5 }, (_, i) => `text number ${i}`);
    texts[70] = 'scaled';
    const vectors = await embedTexts({ llm: llmWith(), texts });
    expect(vectors).toHaveLength(texts.length);
    const posts = fake.requests.filter((r) => r.path === '/v1/embeddings');
    expect(posts.map((r) => (r.body as { input: string[] }).input.length)).toEqual([64, 64, 5]);
    const scaled = vectors?.[70];
    expect(scaled?.[0]).toBeCloseTo(0.6);
    expect(scaled?.[1]).toBeCloseTo(0.8);
    for (const v of vectors ?? []) {
      expect(v).toHaveLength(384);
      expect(cosine(v, v)).toBeCloseTo(1, 5);
    }
    // Same text → same vector; request order kept.
    const again = await embedTexts({ llm: llmWith(), texts: ['text number 3'] });
    expect(Array.from(again?.[0] ?? [])).toEqual(Array.from(vectors?.[3] ?? []));
  });

  it('returns an empty list for no texts without a request', async () => {
    expect(await embedTexts({ llm: llmWith(), texts: [] })).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('stops on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      embedTexts({ llm: llmWith(), texts: ['a'], signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});

describe('vector blobs', () => {
  it('round-trips float32 little-endian', () => {
    const v = Float32Array.from([1.5, -2.25, 0, 3.4028234663852886e38]);
    const blob = vectorToBlob(v);
    expect(blob.byteLength).toBe(16);
    expect(blob.readFloatLE(4)).toBe(-2.25);
    expect(Array.from(blobToVector(blob))).toEqual(Array.from(v));
  });

  it('copies from an unaligned buffer slice', () => {
    const backing = Buffer.alloc(1 + 12);
    backing.writeFloatLE(1, 1);
    backing.writeFloatLE(2, 5);
    backing.writeFloatLE(-3, 9);
    const slice = backing.subarray(1);
    const v = blobToVector(slice);
    expect(Array.from(v)).toEqual([1, 2, -3]);
    backing.writeFloatLE(9, 1);
    expect(v[0]).toBe(1);
  });

  it('vectorToBlob copies a view', () => {
    const big = Float32Array.from([9, 1, 2, 9]);
    const blob = vectorToBlob(big.subarray(1, 3));
    expect(Array.from(blobToVector(blob))).toEqual([1, 2]);
  });
});

describe('cosine / normalize', () => {
  it('computes cosine similarity', () => {
    const a = Float32Array.from([1, 0]);
    const b = Float32Array.from([1, 1]);
    expect(cosine(a, b)).toBeCloseTo(Math.SQRT1_2);
    expect(cosine(a, Float32Array.from([-2, 0]))).toBeCloseTo(-1);
    expect(cosine(a, Float32Array.from([0, 0]))).toBe(0);
    expect(cosine(a, Float32Array.from([1, 0, 0]))).toBe(0);
  });

  it('normalises in place and leaves zero vectors alone', () => {
    expect(Array.from(normalize(Float32Array.from([3, 4])))).toEqual([
      expect.closeTo(0.6) as number,
      expect.closeTo(0.8) as number,
    ]);
    expect(Array.from(normalize(Float32Array.from([0, 0])))).toEqual([0, 0]);
  });
});
