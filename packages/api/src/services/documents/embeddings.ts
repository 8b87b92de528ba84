/**
 * Embedding helpers for document retrieval: batched, L2-normalised vectors (so cosine is a dot
 * product) and their storage as float32 little-endian BLOBs in `document_chunks.embedding`.
 */
import type { LlmService } from '../llm/client.js';

/** Texts per embeddings request. */
export const EMBED_BATCH = 64;

/** Scales `v` in place to unit length (a zero vector stays zero) and returns it. */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
  }
  return v;
}

/**
 * Embeds `texts` in request order, in batches of {@link EMBED_BATCH}, L2-normalised. Resolves to
 * undefined when no embedding model is configured (retrieval then uses BM25 alone).
 */
export async function embedTexts({
  llm,
  texts,
  signal,
}: {
  llm: LlmService;
  texts: string[];
  signal?: AbortSignal;
}): Promise<Float32Array[] | undefined> {
  if (!llm.hasRole('embedding')) return undefined;
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    signal?.throwIfAborted();
    const batch = texts.slice(i, i + EMBED_BATCH);
    const vectors = await llm.embed({ texts: batch, signal });
    if (vectors.length !== batch.length) {
      throw new Error(
        `The embedding model returned ${vectors.length} vectors for ${batch.length} texts.`,
      );
    }
    for (const v of vectors) out.push(normalize(v));
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A vector as a float32 little-endian BLOB (a copy; safe to store). */
export function vectorToBlob(v: Float32Array): Buffer {
  const buf = Buffer.alloc(v.byteLength);
  if (LITTLE_ENDIAN) {
    buf.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else {
    for (let i = 0; i < v.length; i++) buf.writeFloatLE(v[i] ?? 0, i * 4);
  }
  return buf;
}

/**
 * A float32 little-endian BLOB as a vector. Always copies, so the result is aligned and does not
 * alias the driver's buffer (which may sit at any offset in a shared pool).
 */
export function blobToVector(b: Uint8Array): Float32Array {
  const n = Math.floor(b.byteLength / 4);
  const out = new Float32Array(n);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(b.subarray(0, n * 4));
  } else {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

/** Cosine similarity; 0 when either vector is zero or the lengths differ. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}
