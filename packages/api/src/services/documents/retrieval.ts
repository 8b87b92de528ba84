/**
 * Hybrid search over a conversation's document chunks (ARCHITECTURE § 6): BM25 through FTS5
 * always, cosine similarity over stored embeddings when both the query and the chunks have one,
 * fused by reciprocal rank (k = 60). Per-signal scores and ranks are kept on every result so
 * the UI can show why a chunk was recalled.
 *
 * Vectors are ranked brute force: one conversation holds at most tens of thousands of chunks,
 * and a dot product over 10k × 384 floats is a few milliseconds when the blobs are copied into
 * one contiguous Float32Array (no per-row vector objects). The decoded matrix is cached per
 * conversation and rebuilt when its fingerprint (ready documents, chunk count, last rowid)
 * changes.
 */
import { retrievalQueries, type Db } from '@margin/db';
import type { LlmService } from '../llm/client.js';
import { toFtsQuery } from '../fts.js';
import { embedTexts } from './embeddings.js';

/** Reciprocal-rank-fusion constant (Cormack et al.): dampens the weight of the very top ranks. */
export const RRF_K = 60;

/** Candidates taken from each signal before fusion, at least. */
const MIN_CANDIDATES = 50;

export interface ChunkScores {
  /** FTS5 bm25() of the chunk (lower is better); undefined when BM25 did not match it. */
  bm25?: number;
  /** 1-based rank among BM25 matches. */
  bm25Rank?: number;
  /** Cosine similarity of query and chunk embeddings. */
  cosine?: number;
  /** 1-based rank by cosine similarity. */
  vectorRank?: number;
  /** Reciprocal-rank fusion: Σ 1 / (60 + rank) over the signals that ranked the chunk. */
  fused: number;
}

export interface RetrievedChunk {
  rowid: number;
  documentId: string;
  /** N in `#doc_N`. */
  ordinal: number;
  title: string;
  /** 0-based position in the document. */
  position: number;
  pageStart: number;
  pageEnd: number;
  tokenCount: number;
  text: string;
  scores: ChunkScores;
}

/** Words too common to say anything about relevance on their own, in any text. */
const COMMON_WORDS =
  'a an and are as at be been but by can could did do does for from had has have he her his how ' +
  'i if in into is it its me my no not of on or our she so such than that the their them then ' +
  'there these they this those to us was we were what when where which who whom why will with ' +
  'would you your about all any also am both each few more most other same some very just only ' +
  'own too should now';

/** Words that say nothing about which memory is meant ("like" does: "I like green tea"). */
export const MEMORY_STOPWORDS: ReadonlySet<string> = new Set(COMMON_WORDS.split(' '));

/** And the words of asking about a document ("according to the document, explain…"). */
const DOCUMENT_STOPWORDS: ReadonlySet<string> = new Set(
  `${COMMON_WORDS} doc docs document documents please tell explain give show say says said according like`.split(
    ' ',
  ),
);

/** `#doc_2`, `#doc_all`, `#summary_doc_2`…: references, not search terms. */
const DOC_REFERENCE = /#[a-z_]*doc[a-z_]*\d*/gi;

/** One search term: its safe FTS5 expression and the index tokens it stands for. */
export interface RetrievalTerm {
  /** Quoted through `toFtsQuery`: a plain phrase to FTS5, never syntax. */
  expr: string;
  /** What the unicode61 tokenizer makes of it (lower case, no diacritics). */
  tokens: string[];
  /** Whether the last token matches as a prefix. */
  prefix: boolean;
}

/** Most terms one search ORs together; the rarest are kept. */
const MAX_SEARCH_TERMS = 12;

function indexTokens(term: string): string[] {
  return (
    term
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
  );
}

/**
 * The meaningful terms of a question, de-duplicated, in order. Every term is quoted through
 * `toFtsQuery`, so hyphens, quotes and FTS keywords are plain text ("state-of-the-art" is one
 * phrase and finds "state of the art"); terms of 4+ characters also match as a prefix ("paper"
 * finds "papers"). Stopwords and `#doc_N` references are left out.
 */
export function retrievalTerms(
  query: string,
  stopwords: ReadonlySet<string> = DOCUMENT_STOPWORDS,
): RetrievalTerm[] {
  const seen = new Set<string>();
  const terms: RetrievalTerm[] = [];
  for (const term of query.replace(DOC_REFERENCE, ' ').split(/\s+/u)) {
    const core = term.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (core.length < 2 && !/\p{N}/u.test(core)) continue;
    if (stopwords.has(core) || seen.has(core)) continue;
    const trimmed = term.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const quoted = toFtsQuery(trimmed);
    const tokens = indexTokens(trimmed);
    if (quoted === null || tokens.length === 0) continue;
    seen.add(core);
    const prefix = core.length >= 4;
    terms.push({ expr: prefix ? quoted : quoted.replace(/\*$/, ''), tokens, prefix });
    if (terms.length >= 32) break;
  }
  return terms;
}

/**
 * An FTS5 expression matching chunks with ANY of the query's terms (BM25 then rewards chunks
 * with more, and rarer, of them), or null when nothing is left to search for.
 */
export function retrievalFtsQuery(
  query: string,
  stopwords: ReadonlySet<string> = DOCUMENT_STOPWORDS,
): string | null {
  const terms = retrievalTerms(query, stopwords);
  return terms.length > 0 ? terms.map((t) => t.expr).join(' OR ') : null;
}

/**
 * Keeps the terms worth scoring. FTS5's BM25 gives a term in more than half of all chunks an IDF
 * of ~0 (it clamps to 1e-6), so such a term changes the ranking only by matching more rows, each
 * of which costs scoring time: dropped, unless every term is that common (then the rarest stays).
 * Terms in no chunk are dropped; at most {@link MAX_SEARCH_TERMS}, rarest first. Null when no
 * term occurs anywhere.
 */
export function selectiveFtsQuery(db: Db, terms: readonly RetrievalTerm[]): string | null {
  if (terms.length === 0) return null;
  const lookups: { token: string; prefix: boolean }[] = [];
  const slots = terms.map((term) =>
    term.tokens.map((token, i) => {
      lookups.push({ token, prefix: term.prefix && i === term.tokens.length - 1 });
      return lookups.length - 1;
    }),
  );
  const { total, counts } = retrievalQueries.chunkTokenCounts({ db, tokens: lookups });
  // A phrase occurs in at most as many chunks as its rarest token.
  const rated = terms
    .map((term, i) => ({
      term,
      chunks: Math.min(...(slots[i] ?? []).map((slot) => counts[slot] ?? 0)),
    }))
    .filter((r) => r.chunks > 0)
    .sort((a, b) => a.chunks - b.chunks);
  const first = rated[0];
  if (!first) return null;
  const selective = rated.filter((r) => r.chunks <= total / 2).slice(0, MAX_SEARCH_TERMS);
  return (selective.length > 0 ? selective : [first]).map((r) => r.term.expr).join(' OR ');
}

/** The text left to embed or search once references are removed. */
export function retrievalText(query: string): string {
  return query.replace(DOC_REFERENCE, ' ').replace(/\s+/gu, ' ').trim();
}

interface VectorHit {
  rowid: number;
  cosine: number;
}

/**
 * The embedded chunks of one conversation as one contiguous matrix: row r is
 * `vectors[r * dim … (r + 1) * dim)`, scaled to unit length, so cosine is a dot product.
 */
export interface EmbeddingMatrix {
  dim: number;
  count: number;
  vectors: Float32Array;
  rowids: Float64Array;
  /** Index into `documentIds` per row. */
  documentOf: Uint32Array;
  documentIds: string[];
}

/**
 * Copies stored blobs into one matrix (unit rows). Chunks whose dimension differs from the most
 * common one (an embedding model changed part-way) and zero vectors are left out.
 */
export function buildEmbeddingMatrix(
  rows: readonly { rowid: number; documentId: string; embedding: Uint8Array }[],
): EmbeddingMatrix {
  const lengths = new Map<number, number>();
  for (const row of rows)
    lengths.set(row.embedding.byteLength, (lengths.get(row.embedding.byteLength) ?? 0) + 1);
  let bytesPerVector = 0;
  let most = 0;
  for (const [length, n] of lengths) {
    if (n > most && length > 0 && length % 4 === 0) {
      bytesPerVector = length;
      most = n;
    }
  }
  const dim = bytesPerVector / 4;
  const vectors = new Float32Array(most * dim);
  const bytes = new Uint8Array(vectors.buffer);
  const rowids = new Float64Array(most);
  const documentOf = new Uint32Array(most);
  const documentIds: string[] = [];
  const documentIndex = new Map<string, number>();
  let count = 0;
  for (const row of rows) {
    if (row.embedding.byteLength !== bytesPerVector) continue;
    const base = count * dim;
    bytes.set(row.embedding, base * 4);
    let norm = 0;
    for (let i = base; i < base + dim; i++) norm += (vectors[i] ?? 0) ** 2;
    if (norm === 0) continue; // the next row overwrites this slot
    const inverse = 1 / Math.sqrt(norm);
    if (Math.abs(inverse - 1) > 1e-6)
      for (let i = base; i < base + dim; i++) vectors[i] = (vectors[i] ?? 0) * inverse;
    let doc = documentIndex.get(row.documentId);
    if (doc === undefined) {
      doc = documentIds.length;
      documentIds.push(row.documentId);
      documentIndex.set(row.documentId, doc);
    }
    rowids[count] = row.rowid;
    documentOf[count] = doc;
    count++;
  }
  return { dim, count, vectors, rowids, documentOf, documentIds };
}

/**
 * The `limit` rows most similar to `query`, best first, optionally only rows of `documentIds`.
 * One pass of dot products over the contiguous matrix; the top list stays small and sorted.
 */
export function rankByCosine(
  matrix: EmbeddingMatrix,
  query: Float32Array,
  limit: number,
  documentIds?: readonly string[],
): VectorHit[] {
  const { dim, count, vectors, rowids, documentOf } = matrix;
  if (query.length !== dim || dim === 0 || limit <= 0) return [];
  let qNorm = 0;
  for (let i = 0; i < dim; i++) qNorm += (query[i] ?? 0) ** 2;
  if (qNorm === 0) return [];
  const q = Float32Array.from(query, (x) => x / Math.sqrt(qNorm));
  let allowed: Uint8Array | undefined;
  if (documentIds) {
    const wanted = new Set(documentIds);
    allowed = Uint8Array.from(matrix.documentIds, (id) => (wanted.has(id) ? 1 : 0));
  }

  const top: VectorHit[] = [];
  let floor = -Infinity;
  for (let r = 0; r < count; r++) {
    if (allowed && allowed[documentOf[r] ?? 0] !== 1) continue;
    const base = r * dim;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += (vectors[base + i] ?? 0) * (q[i] ?? 0);
    if (top.length === limit && dot <= floor) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]?.cosine ?? 0) < dot) at--;
    top.splice(at, 0, { rowid: rowids[r] ?? 0, cosine: dot });
    if (top.length > limit) top.pop();
    if (top.length === limit) floor = top[limit - 1]?.cosine ?? -Infinity;
  }
  return top;
}

/** Most bytes of decoded embeddings kept per database (least recently used dropped first). */
const CACHE_BYTES = 256 * 1024 * 1024;

interface CachedMatrix {
  signature: string;
  matrix: EmbeddingMatrix;
  bytes: number;
}

/**
 * Decoded embeddings per conversation, so a search does not re-read and re-decode every blob:
 * reading 10k chunk rows costs tens of milliseconds, checking the fingerprint well under one.
 */
const matrixCache = new WeakMap<Db, Map<string, CachedMatrix>>();

/** The conversation's embedding matrix (all ready documents), from cache when unchanged. */
export function conversationMatrix(db: Db, conversationId: string): EmbeddingMatrix {
  let cache = matrixCache.get(db);
  if (!cache) {
    cache = new Map();
    matrixCache.set(db, cache);
  }
  const signature = retrievalQueries.chunkSetSignature({ db, conversationId });
  const hit = cache.get(conversationId);
  if (hit?.signature === signature) {
    // Re-insert: Map order is the LRU order.
    cache.delete(conversationId);
    cache.set(conversationId, hit);
    return hit.matrix;
  }
  const matrix = buildEmbeddingMatrix(retrievalQueries.listChunkEmbeddings({ db, conversationId }));
  const bytes = matrix.vectors.byteLength + matrix.count * 12;
  cache.delete(conversationId);
  let total = bytes;
  for (const entry of cache.values()) total += entry.bytes;
  for (const [key, entry] of cache) {
    if (total <= CACHE_BYTES) break;
    cache.delete(key);
    total -= entry.bytes;
  }
  if (bytes <= CACHE_BYTES) cache.set(conversationId, { signature, matrix, bytes });
  return matrix;
}

export interface SearchChunksOptions {
  db: Db;
  llm: LlmService;
  conversationId: string;
  /** Only these documents of the conversation; undefined = all its ready documents. */
  documentIds?: readonly string[] | undefined;
  query: string;
  limit: number;
  signal?: AbortSignal | undefined;
  /** Query embedding already computed (skips the provider call); mostly for benchmarks. */
  queryEmbedding?: Float32Array | undefined;
}

/**
 * The best `limit` chunks for `query` among the conversation's ready documents, best first.
 * The caller checks ownership of the conversation; this only ever reads within it.
 */
export async function searchChunks({
  db,
  llm,
  conversationId,
  documentIds,
  query,
  limit,
  signal,
  queryEmbedding,
}: SearchChunksOptions): Promise<RetrievedChunk[]> {
  const text = retrievalText(query);
  if (limit <= 0 || text === '' || documentIds?.length === 0) return [];
  const scope = { conversationId, documentIds };
  const candidates = Math.max(MIN_CANDIDATES, limit * 4);

  // The query's embedding is requested first, so BM25 runs while it is on the wire.
  const matrix = conversationMatrix(db, conversationId);
  const pendingVector: Promise<Float32Array | undefined> =
    matrix.count === 0
      ? Promise.resolve(undefined)
      : queryEmbedding
        ? Promise.resolve(queryEmbedding)
        : embedQuery(llm, text, signal);
  // Marked handled: if BM25 threw, an abort of this request must not go unobserved.
  pendingVector.catch(() => undefined);

  const ftsQuery = selectiveFtsQuery(db, retrievalTerms(text));
  const lexical = ftsQuery
    ? retrievalQueries.searchChunksFts({ db, ...scope, ftsQuery, limit: candidates })
    : [];

  const vector = await pendingVector;
  const semantic = vector ? rankByCosine(matrix, vector, candidates, documentIds) : [];

  const scores = new Map<number, ChunkScores>();
  const entry = (rowid: number): ChunkScores => {
    let s = scores.get(rowid);
    if (!s) {
      s = { fused: 0 };
      scores.set(rowid, s);
    }
    return s;
  };
  lexical.forEach((hit, i) => {
    const s = entry(hit.rowid);
    s.bm25 = hit.bm25;
    s.bm25Rank = i + 1;
    s.fused += 1 / (RRF_K + i + 1);
  });
  semantic.forEach((hit, i) => {
    const s = entry(hit.rowid);
    s.cosine = hit.cosine;
    s.vectorRank = i + 1;
    s.fused += 1 / (RRF_K + i + 1);
  });
  const ranked = [...scores.entries()]
    .sort(
      ([ra, a], [rb, b]) =>
        b.fused - a.fused ||
        (a.bm25Rank ?? Infinity) - (b.bm25Rank ?? Infinity) ||
        (a.vectorRank ?? Infinity) - (b.vectorRank ?? Infinity) ||
        ra - rb,
    )
    .slice(0, limit);

  const rows = new Map(
    retrievalQueries
      .findChunksByRowids({ db, rowids: ranked.map(([rowid]) => rowid) })
      .map((row) => [row.rowid, row]),
  );
  return ranked.flatMap(([rowid, s]) => {
    const row = rows.get(rowid);
    return row ? [{ ...row, scores: s }] : [];
  });
}

/** The query's embedding, or undefined when embeddings are off or the provider fails. */
async function embedQuery(
  llm: LlmService,
  text: string,
  signal: AbortSignal | undefined,
): Promise<Float32Array | undefined> {
  try {
    return (await embedTexts({ llm, texts: [text], signal }))?.[0];
  } catch (err) {
    // BM25 still answers; an aborted request is the caller's to see.
    if (signal?.aborted) throw err;
    return undefined;
  }
}
