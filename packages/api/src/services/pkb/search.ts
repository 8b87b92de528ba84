/**
 * Memory search: BM25 over statement + tag and entity names (FTS5), cosine over claim
 * embeddings, or both fused by reciprocal rank (k = 60) over 2k candidates per signal, as
 * document retrieval does. Every result says why it was recalled (per-signal rank and raw
 * score, and the fused score).
 *
 * Vectors are ranked brute force over a per-user in-memory matrix (see embeddings.ts); the
 * status, type, domain and validity filters are applied during that scan, tag and entity
 * filters through a rowid set from SQL. FTS applies every filter in SQL.
 */
import { TRPCError } from '@trpc/server';
import { pkbQueries } from '@margin/db';
import {
  RECALLED_CLAIM_STATUSES,
  type ClaimSearchResult,
  type ClaimStatus,
  type RecallWhy,
  type SearchFilters,
  type SearchStrategy,
} from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { toFtsQuery } from '../fts.js';
import { describeLlmError } from '../llm/client.js';
import { embedTexts } from '../documents/embeddings.js';
import { MEMORY_STOPWORDS, RRF_K, retrievalFtsQuery } from '../documents/retrieval.js';
import { claimMatrix, embedMissingClaims, rankClaims } from './embeddings.js';
import { toClaims } from './views.js';

export const EMBEDDING_REQUIRED_MESSAGE =
  'Meaning-based memory search needs an embedding model (set MODEL_EMBEDDING). Use the "fts" or "hybrid" strategy meanwhile.';

/**
 * A safe FTS5 expression for a memory search: any of the query's meaningful terms (quoted, so
 * hyphens, quotes, `*`, AND/OR/NOT/NEAR are plain text), or, when only stopwords are left, all
 * of its words. Null when nothing is searchable (the search then finds nothing).
 */
export function claimFtsQuery(query: string): string | null {
  return retrievalFtsQuery(query, MEMORY_STOPWORDS) ?? toFtsQuery(query);
}

/** BM25 (lower is better, unbounded) as a 0…1 score: x / (1 + x) with x = −bm25. */
function bm25Score(bm25: number): number {
  const x = Math.max(0, -bm25);
  return x / (1 + x);
}

/** Over-fetch factor of the unscoped first try of BM25. */
const FTS_OVERFETCH = 4;

/**
 * The best `limit` BM25 hits passing `filter`. First the best `limit × 4` over the whole index,
 * filtered by rowid (cheap: no scope set to build); when fewer than `limit` pass while more
 * matches exist (other users' claims, narrow filters), the scoped query. Both give the same
 * hits: the filtered prefix of a ranking is the ranking of the filtered set.
 */
function lexicalHits(
  services: AppServices,
  filter: pkbQueries.ClaimFilter,
  ftsQuery: string,
  limit: number,
): { rowid: number; bm25: number }[] {
  const { db } = services;
  const wide = pkbQueries.searchAllClaimsFts({ db, ftsQuery, limit: limit * FTS_OVERFETCH });
  const allowed = pkbQueries.filterClaimRowids({ db, filter, rowids: wide.map((h) => h.rowid) });
  const kept = wide.filter((h) => allowed.has(h.rowid));
  if (kept.length >= limit || wide.length < limit * FTS_OVERFETCH) return kept.slice(0, limit);
  return pkbQueries.searchClaimsFts({ db, filter, ftsQuery, limit });
}

export interface SearchClaimsOptions {
  services: AppServices;
  userId: string;
  query: string;
  strategy?: SearchStrategy;
  k?: number;
  filters?: SearchFilters | undefined;
  /** Claims never returned (e.g. excluded from a conversation, or already in the context). */
  excludeIds?: readonly string[] | undefined;
  /** Overrides `filters.statuses`; default active and contested. */
  allowedStatuses?: readonly ClaimStatus[] | undefined;
  signal?: AbortSignal | undefined;
  /** Query embedding already computed (unit length); skips the provider call. */
  queryEmbedding?: Float32Array | undefined;
}

export async function searchClaims({
  services,
  userId,
  query,
  strategy = 'hybrid',
  k = 20,
  filters,
  excludeIds,
  allowedStatuses,
  signal,
  queryEmbedding,
}: SearchClaimsOptions): Promise<ClaimSearchResult[]> {
  const { db, llm } = services;
  const text = query.trim();
  if (text === '' || k <= 0) return [];
  const hasModel = llm.hasRole('embedding');
  if (strategy === 'embedding' && !hasModel)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: EMBEDDING_REQUIRED_MESSAGE });
  const statuses = allowedStatuses ?? filters?.statuses ?? RECALLED_CLAIM_STATUSES;
  const filter: pkbQueries.ClaimFilter = {
    userId,
    statuses,
    types: filters?.types,
    domains: filters?.domains,
    tag: filters?.tag,
    entity: filters?.entity,
    validAt: filters?.validAt,
    excludeIds,
  };
  const candidates = Math.max(2 * k, 10);
  const useVectors = strategy !== 'fts' && hasModel;

  // The query's embedding is requested first, so BM25 runs while it is on the wire.
  let pendingVector: Promise<Float32Array | undefined> = Promise.resolve(undefined);
  if (useVectors) {
    pendingVector = queryEmbedding
      ? Promise.resolve(queryEmbedding)
      : embedTexts({ llm, texts: [text], ...(signal ? { signal } : {}) }).then((v) => v?.[0]);
    pendingVector.catch(() => undefined);
  }
  const ftsQuery = strategy === 'embedding' ? null : claimFtsQuery(text);
  const lexical = ftsQuery ? lexicalHits(services, filter, ftsQuery, candidates) : [];

  let semantic: { rowid: number; cosine: number }[] = [];
  if (useVectors) {
    let vector: Float32Array | undefined;
    try {
      vector = await pendingVector;
    } catch (err) {
      if (signal?.aborted) throw err;
      // Hybrid still answers from BM25; an explicit meaning search reports the failure.
      if (strategy === 'embedding')
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: describeLlmError(err) });
      services.logger.warn(
        { userId, err: describeLlmError(err) },
        'memory search without embeddings',
      );
    }
    if (vector) {
      await embedMissingClaims({ services, userId, signal });
      const matrix = claimMatrix(db, userId, llm.resolveModel('embedding'));
      const excluded = excludeIds?.length
        ? new Set(pkbQueries.findClaimsByIds({ db, userId, ids: excludeIds }).map((r) => r.rowid))
        : undefined;
      semantic = rankClaims(matrix, vector, candidates, {
        statuses,
        types: filters?.types,
        domains: filters?.domains,
        validAt: filters?.validAt,
        rowids:
          filters?.tag !== undefined || filters?.entity !== undefined
            ? pkbQueries.listClaimRowids({ db, filter })
            : undefined,
        excludeRowids: excluded,
      });
    }
  }

  const why = new Map<number, RecallWhy>();
  const entry = (rowid: number): RecallWhy => {
    let w = why.get(rowid);
    if (!w) {
      w = { rrf: 0 };
      why.set(rowid, w);
    }
    return w;
  };
  lexical.forEach((hit, i) => {
    const w = entry(hit.rowid);
    w.fts = { rank: i + 1, bm25: hit.bm25 };
    w.rrf += 1 / (RRF_K + i + 1);
  });
  semantic.forEach((hit, i) => {
    const w = entry(hit.rowid);
    w.embedding = { rank: i + 1, cosine: hit.cosine };
    w.rrf += 1 / (RRF_K + i + 1);
  });
  const score = (w: RecallWhy): number =>
    strategy === 'hybrid'
      ? w.rrf
      : strategy === 'embedding'
        ? (w.embedding?.cosine ?? 0)
        : bm25Score(w.fts?.bm25 ?? 0);
  const ranked = [...why.entries()]
    .sort(
      ([ra, a], [rb, b]) =>
        score(b) - score(a) ||
        (a.fts?.rank ?? Infinity) - (b.fts?.rank ?? Infinity) ||
        (a.embedding?.rank ?? Infinity) - (b.embedding?.rank ?? Infinity) ||
        ra - rb,
    )
    .slice(0, k);

  const rows = pkbQueries.findClaimsByRowids({ db, userId, rowids: ranked.map(([r]) => r) });
  const claims = new Map(toClaims(db, rows).map((c, i) => [rows[i]?.rowid, c]));
  return ranked.flatMap(([rowid, w]) => {
    const claim = claims.get(rowid);
    return claim ? [{ claim, score: score(w), why: w }] : [];
  });
}
