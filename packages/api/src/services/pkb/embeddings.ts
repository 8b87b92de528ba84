/**
 * Claim embeddings: stored as float32 blobs on the claim row, decoded into one per-user matrix
 * of unit vectors (cosine = dot product) kept in memory. Any claim write bumps the user's version
 * ({@link claimsChanged}); the next search or duplicate check rebuilds the matrix once. Claims
 * saved without an embedding (provider down at write time, model changed) are embedded lazily,
 * a bounded batch per search.
 */
import { pkbQueries, type Db } from '@margin/db';
import {
  CLAIM_DOMAINS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimDomain,
  type ClaimStatus,
  type ClaimType,
} from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { blobToVector, embedTexts, normalize, vectorToBlob } from '../documents/embeddings.js';
import { buildEmbeddingMatrix } from '../documents/retrieval.js';
import { createVectorStore, type VectorStore } from './simd.js';

/**
 * Similarity thresholds, cosine over L2-normalised embeddings of text-embedding-3-small-like
 * models. There, paraphrases of one fact ("I live in Berlin" / "I'm living in Berlin") land at
 * about 0.92–0.98, while statements about the same subject that differ in substance ("I live in
 * Berlin" / "I live in Munich", "I like tea" / "I don't like tea") land at about 0.75–0.9 and
 * unrelated ones below 0.5. So ≥ 0.92 is the same memory said again; [0.75, 0.92) is close
 * enough to possibly contradict and worth asking the fast model about.
 */
export const PKB_THRESHOLDS = {
  DUPLICATE_COSINE: 0.92,
  CONFLICT_MIN_COSINE: 0.75,
} as const;

/** Claims embedded lazily per search at most; the rest wait for the next searches. */
export const LAZY_EMBED_BATCH = 256;

/**
 * What changed in each user's claims since their matrix was built: the rowids (patched into the
 * cached matrix, cheap) or 'all' (rebuilt). `unembedded`: some claim may lack an embedding, so
 * the next search looks for them (one scan) and embeds a batch.
 */
interface UserState {
  version: number;
  dirty: Set<number> | 'all';
  unembedded: boolean;
}
const states = new Map<string, UserState>();

function stateOf(userId: string): UserState {
  let s = states.get(userId);
  if (!s) {
    // First sight since start-up: nothing cached, and unknown whether all are embedded.
    s = { version: 0, dirty: 'all', unembedded: true };
    states.set(userId, s);
  }
  return s;
}

/**
 * Call after any write to a user's claims (inside or after the transaction). Give the rowids
 * written when known (else the whole matrix is rebuilt), and `unembedded` when a written claim
 * has no embedding.
 */
export function claimsChanged(
  userId: string,
  change?: { rowids: Iterable<number>; unembedded?: boolean },
): void {
  const s = stateOf(userId);
  s.version++;
  if (!change) {
    s.dirty = 'all';
    s.unembedded = true;
    return;
  }
  if (change.unembedded) s.unembedded = true;
  if (s.dirty === 'all') return;
  for (const r of change.rowids) s.dirty.add(r);
  if (s.dirty.size > PATCH_MAX) s.dirty = 'all';
}

/** Changed rows patched into a cached matrix at most; more means a rebuild. */
const PATCH_MAX = 5000;

const STATUS_CODE = new Map(CLAIM_STATUSES.map((s, i) => [s, i]));
const TYPE_CODE = new Map(CLAIM_TYPES.map((s, i) => [s, i]));
const DOMAIN_CODE = new Map(CLAIM_DOMAINS.map((s, i) => [s, i]));
/** Status code of a row whose claim was deleted or lost its embedding: never ranked. */
const DEAD = 255;

/**
 * A user's embedded claims: row r is `vectors[r·dim … (r+1)·dim)` (unit length), with the
 * attributes search filters on. Arrays may be longer than `count` (room to append).
 */
export interface ClaimMatrix {
  dim: number;
  count: number;
  vectors: Float32Array;
  rowids: Float64Array;
  status: Uint8Array;
  type: Uint8Array;
  domain: Uint8Array;
  /** Epoch ms; NaN when open. */
  validFrom: Float64Array;
  validTo: Float64Array;
  /** rowid → row index. */
  index: Map<number, number>;
  /** When WebAssembly SIMD is available: `vectors` lives in it and is scored there. */
  store: VectorStore | undefined;
}

/**
 * Most bytes of decoded vectors kept per database (least recently used users dropped first):
 * 100k claims × 384 dimensions take 150 MB.
 */
const CACHE_BYTES = 512 * 1024 * 1024;

interface Cached {
  model: string;
  matrix: ClaimMatrix;
}
const cache = new WeakMap<Db, Map<string, Cached>>();

function setAttributes(m: ClaimMatrix, r: number, row: pkbQueries.ClaimVectorRow): void {
  m.status[r] = STATUS_CODE.get(row.status) ?? DEAD;
  m.type[r] = TYPE_CODE.get(row.type) ?? 0;
  m.domain[r] = DOMAIN_CODE.get(row.domain) ?? 0;
  m.validFrom[r] = row.validFrom ?? NaN;
  m.validTo[r] = row.validTo ?? NaN;
}

function build(rows: pkbQueries.ClaimVectorRow[]): ClaimMatrix {
  const base = buildEmbeddingMatrix(rows.map((r) => ({ ...r, documentId: '' })));
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const n = base.count;
  const store = createVectorStore(base.dim, n);
  store?.rows.set(base.vectors.subarray(0, n * base.dim));
  const m: ClaimMatrix = {
    dim: base.dim,
    count: n,
    vectors: store ? store.rows : base.vectors,
    rowids: base.rowids,
    status: new Uint8Array(n),
    type: new Uint8Array(n),
    domain: new Uint8Array(n),
    validFrom: new Float64Array(n),
    validTo: new Float64Array(n),
    index: new Map(),
    store,
  };
  for (let r = 0; r < n; r++) {
    const rowid = base.rowids[r] ?? 0;
    m.index.set(rowid, r);
    const row = byRowid.get(rowid);
    if (row) setAttributes(m, r, row);
    else m.status[r] = DEAD;
  }
  return m;
}

/** Room for `extra` more rows (arrays grow by a quarter at least). */
function reserve(m: ClaimMatrix, extra: number): void {
  const capacity = m.rowids.length;
  if (m.count + extra <= capacity) return;
  const next = Math.max(m.count + extra, Math.ceil(capacity * 1.25) + 16);
  const grow = <T extends Float32Array | Float64Array | Uint8Array>(a: T, size: number): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a);
    return b;
  };
  const store = m.store && createVectorStore(m.dim, next);
  if (store) {
    store.rows.set(m.vectors.subarray(0, m.count * m.dim));
    m.vectors = store.rows;
  } else {
    m.vectors = grow(m.vectors, next * m.dim);
  }
  m.store = store;
  m.rowids = grow(m.rowids, next);
  m.status = grow(m.status, next);
  m.type = grow(m.type, next);
  m.domain = grow(m.domain, next);
  m.validFrom = grow(m.validFrom, next);
  m.validTo = grow(m.validTo, next);
}

/** Re-reads the changed rows into the matrix; false when a rebuild is needed instead. */
function patch(
  db: Db,
  userId: string,
  model: string,
  m: ClaimMatrix,
  rowids: Set<number>,
): boolean {
  const rows = pkbQueries.listClaimVectorsByRowids({ db, userId, model, rowids: [...rowids] });
  const found = new Set<number>();
  const appended = rows.filter((r) => !m.index.has(r.rowid)).length;
  reserve(m, appended);
  for (const row of rows) {
    if (row.embedding.byteLength !== m.dim * 4) return false;
    found.add(row.rowid);
    let r = m.index.get(row.rowid);
    if (r === undefined) {
      r = m.count++;
      m.index.set(row.rowid, r);
      m.rowids[r] = row.rowid;
    }
    const v = blobToVector(row.embedding);
    normalize(v);
    m.vectors.set(v, r * m.dim);
    setAttributes(m, r, row);
  }
  // Deleted, or no longer embedded for this model.
  for (const rowid of rowids) {
    const r = m.index.get(rowid);
    if (r !== undefined && !found.has(rowid)) m.status[r] = DEAD;
  }
  return true;
}

/**
 * The user's claim matrix for the embedding model: cached, patched with changed rows. (Change
 * tracking is per user, process-wide: one database per process, as the server runs.)
 */
export function claimMatrix(db: Db, userId: string, model: string): ClaimMatrix {
  let users = cache.get(db);
  if (!users) {
    users = new Map();
    cache.set(db, users);
  }
  const state = stateOf(userId);
  const hit = users.get(userId);
  if (hit?.model === model && state.dirty !== 'all') {
    // Re-inserted: Map order is the least-recently-used order.
    users.delete(userId);
    users.set(userId, hit);
    if (state.dirty.size === 0) return hit.matrix;
    if (hit.matrix.dim > 0 && patch(db, userId, model, hit.matrix, state.dirty)) {
      state.dirty = new Set();
      return hit.matrix;
    }
  }
  const matrix = build(pkbQueries.listClaimVectors({ db, userId, model }));
  state.dirty = new Set();
  users.delete(userId);
  users.set(userId, { model, matrix });
  let total = 0;
  for (const entry of users.values()) total += entry.matrix.vectors.byteLength;
  for (const [key, entry] of users) {
    if (total <= CACHE_BYTES || key === userId) break;
    users.delete(key);
    total -= entry.matrix.vectors.byteLength;
  }
  return matrix;
}

/**
 * Embeds up to {@link LAZY_EMBED_BATCH} of the user's claims that have no embedding for the
 * current model. Best effort: a provider failure is logged and search goes on without them.
 * Looks (one scan of the user's claims) only when a write may have left one unembedded.
 */
export async function embedMissingClaims({
  services,
  userId,
  signal,
}: {
  services: AppServices;
  userId: string;
  signal?: AbortSignal | undefined;
}): Promise<void> {
  const { db, llm } = services;
  const state = stateOf(userId);
  if (!llm.hasRole('embedding') || !state.unembedded) return;
  const version = state.version;
  const model = llm.resolveModel('embedding');
  const missing = pkbQueries.listClaimsMissingEmbedding({
    db,
    userId,
    model,
    limit: LAZY_EMBED_BATCH,
  });
  if (missing.length === 0) {
    if (state.version === version) state.unembedded = false;
    return;
  }
  try {
    const vectors = await embedTexts({
      llm,
      texts: missing.map((m) => m.statement),
      ...(signal ? { signal } : {}),
    });
    if (!vectors) return;
    const rows = missing.flatMap((m, i) => {
      const v = vectors[i];
      return v ? [{ rowid: m.rowid, embedding: vectorToBlob(v), model }] : [];
    });
    db.transaction((tx) => {
      pkbQueries.saveClaimEmbeddings({ db: tx, userId, rows });
    });
    const untouched = state.version === version;
    claimsChanged(userId, { rowids: rows.map((r) => r.rowid) });
    // A full batch may have left more; a write meanwhile may have added some.
    if (untouched && missing.length < LAZY_EMBED_BATCH) state.unembedded = false;
  } catch (err) {
    if (signal?.aborted) throw err;
    services.logger.warn(
      { userId, claims: missing.length, err: err instanceof Error ? err.message : String(err) },
      'could not embed memories; search uses full-text only for them for now',
    );
  }
}

/** Row filter over the matrix attributes; undefined fields do not filter. */
export interface MatrixFilter {
  statuses?: readonly ClaimStatus[] | undefined;
  types?: readonly ClaimType[] | undefined;
  domains?: readonly ClaimDomain[] | undefined;
  validAt?: Date | undefined;
  /** Only these rowids (tag/entity filters resolved in SQL). */
  rowids?: ReadonlySet<number> | undefined;
  excludeRowids?: ReadonlySet<number> | undefined;
}

function codeMask<T>(values: readonly T[] | undefined, codes: Map<T, number>, size: number) {
  if (!values) return undefined;
  const mask = new Uint8Array(size);
  for (const v of values) {
    const c = codes.get(v);
    if (c !== undefined) mask[c] = 1;
  }
  return mask;
}

/** Dot product of row `base…` of `vectors` with `q` (four accumulators: the hot loop). */
function dotRow(vectors: Float32Array, base: number, q: Float32Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (const tail = dim - (dim % 4); i < tail; i += 4) {
    s0 += (vectors[base + i] ?? 0) * (q[i] ?? 0);
    s1 += (vectors[base + i + 1] ?? 0) * (q[i + 1] ?? 0);
    s2 += (vectors[base + i + 2] ?? 0) * (q[i + 2] ?? 0);
    s3 += (vectors[base + i + 3] ?? 0) * (q[i + 3] ?? 0);
  }
  for (; i < dim; i++) s0 += (vectors[base + i] ?? 0) * (q[i] ?? 0);
  return s0 + s1 + s2 + s3;
}

/**
 * The `limit` rows most similar to `query` (unit length) among rows passing `filter`, best first.
 * One pass of dot products over the contiguous matrix (SIMD when available: at 100k claims the
 * products are the whole cost); the top list stays small and sorted.
 */
export function rankClaims(
  m: ClaimMatrix,
  query: Float32Array,
  limit: number,
  filter: MatrixFilter = {},
): { rowid: number; cosine: number }[] {
  const { dim, count, vectors, rowids, status } = m;
  if (query.length !== dim || dim === 0 || limit <= 0) return [];
  const statuses = codeMask(filter.statuses, STATUS_CODE, DEAD + 1);
  const types = codeMask(filter.types, TYPE_CODE, CLAIM_TYPES.length);
  const domains = codeMask(filter.domains, DOMAIN_CODE, CLAIM_DOMAINS.length);
  const t = filter.validAt?.getTime();
  const { rowids: only, excludeRowids } = filter;
  const q = query;
  // SIMD scores every row at once (cheaper than testing filters first); JS scores passing rows.
  const scores = m.store?.score(q, count);
  const top: { rowid: number; cosine: number }[] = [];
  let floor = -Infinity;
  for (let r = 0; r < count; r++) {
    const code = status[r] ?? DEAD;
    if (code === DEAD || (statuses && statuses[code] !== 1)) continue;
    if (types && types[m.type[r] ?? 0] !== 1) continue;
    if (domains && domains[m.domain[r] ?? 0] !== 1) continue;
    if (t !== undefined && (t < (m.validFrom[r] ?? NaN) || t > (m.validTo[r] ?? NaN))) continue;
    const rowid = rowids[r] ?? 0;
    if (only && !only.has(rowid)) continue;
    if (excludeRowids?.has(rowid)) continue;
    const dot = scores ? (scores[r] ?? 0) : dotRow(vectors, r * dim, q, dim);
    if (top.length === limit && dot <= floor) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]?.cosine ?? 0) < dot) at--;
    top.splice(at, 0, { rowid, cosine: dot });
    if (top.length > limit) top.pop();
    if (top.length === limit) floor = top[limit - 1]?.cosine ?? -Infinity;
  }
  return top;
}
