// POST /v1/embeddings: deterministic bag-of-words vectors, so similar texts really are similar.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { approxTokens, HttpError, sendJson } from './http.js';

export const DEFAULT_EMBEDDING_DIMENSION = 384;

/** Each token is spread over a few signed positions, so distinct words rarely cancel out. */
const POSITIONS_PER_TOKEN = 4;

const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().max(8192).optional(),
});

/** FNV-1a, 32-bit: tiny, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The fake's embedding of `text`: hashed bag of lower-case word tokens, L2-normalised.
 * Identical texts give identical vectors; texts sharing words have a higher cosine similarity.
 */
export function fakeEmbedding(text: string, dimension = DEFAULT_EMBEDDING_DIMENSION): number[] {
  const vector = new Array<number>(dimension).fill(0);
  const words = tokens(text);
  // A text without words still needs a non-zero, text-specific vector.
  const features = words.length > 0 ? words : [`\u0000${text}`];
  for (const word of features) {
    for (let k = 0; k < POSITIONS_PER_TOKEN; k++) {
      const hash = fnv1a(`${k}:${word}`);
      const index = hash % dimension;
      vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -1 : 1);
    }
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector.map((_, i) => (i === 0 ? 1 : 0)) : vector.map((x) => x / norm);
}

/** OpenAI's base64 format: little-endian float32 values. */
function toBase64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buffer.writeFloatLE(value, i * 4));
  return buffer.toString('base64');
}

export function handleEmbeddings(
  res: ServerResponse,
  body: unknown,
  defaultDimension: number,
  overrides: ReadonlyMap<string, number[]>,
): void {
  const result = embeddingRequestSchema.safeParse(body);
  if (!result.success) {
    throw new HttpError(400, `Invalid embeddings request: ${result.error.message}`);
  }
  const request = result.data;
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const dimension = request.dimensions ?? defaultDimension;
  const data = inputs.map((text, index) => {
    const vector = overrides.get(text) ?? fakeEmbedding(text, dimension);
    const embedding = request.encoding_format === 'base64' ? toBase64(vector) : vector;
    return { object: 'embedding', index, embedding };
  });
  const promptTokens = inputs.reduce((sum, text) => sum + approxTokens(text), 0);
  sendJson(res, 200, {
    object: 'list',
    data,
    model: request.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}
