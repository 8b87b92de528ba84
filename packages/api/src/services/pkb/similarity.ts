/**
 * "Is there already a memory like this?" for review plans: the best matching non-retracted
 * claim per statement, by cosine of embeddings when a model is configured, else by a lexical
 * similarity (Dice over normalised words, 0…1) among full-text candidates.
 */
import { pkbQueries } from '@margin/db';
import type { AppServices } from '../../trpc.js';
import { retrievalFtsQuery } from '../documents/retrieval.js';
import { currentMatrix, prepareStatements, type SimilarClaim } from './claims.js';
import { rankClaims } from './embeddings.js';
import { lexicalSimilarity } from './normalize.js';
import { toClaims } from './views.js';

/** Full-text candidates compared lexically per statement. */
const LEXICAL_CANDIDATES = 50;

const NOT_RETRACTED = ['active', 'contested', 'historical', 'superseded', 'draft'] as const;

export async function findSimilarClaims({
  services,
  userId,
  statements,
  excludeIds,
  signal,
}: {
  services: AppServices;
  userId: string;
  statements: readonly string[];
  /** Claims never returned as a match (e.g. the one being edited). */
  excludeIds?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
}): Promise<(SimilarClaim | null)[]> {
  const { db } = services;
  if (statements.length === 0) return [];
  const prepared = await prepareStatements({ services, statements, signal });
  const matrix = currentMatrix(services, userId);
  const excluded = new Set(excludeIds);
  const excludeRowids = new Set(
    pkbQueries.findClaimsByIds({ db, userId, ids: [...excluded] }).map((r) => r.rowid),
  );
  const exact = new Map<string, pkbQueries.ClaimRecord>();
  for (const row of pkbQueries.findClaimsByNormalized({
    db,
    userId,
    normalized: prepared.map((p) => p.normalized),
  }))
    if (!excluded.has(row.id) && !exact.has(row.normalized)) exact.set(row.normalized, row);

  const found: ({
    row: pkbQueries.ClaimRecord;
    similarity: number;
    method: SimilarClaim['method'];
  } | null)[] = prepared.map((p) => {
    const same = exact.get(p.normalized);
    if (same) return { row: same, similarity: 1, method: matrix ? 'cosine' : 'lexical' };
    if (matrix && p.embedding) {
      const [hit] = rankClaims(matrix, p.embedding, 1, { statuses: NOT_RETRACTED, excludeRowids });
      if (!hit) return null;
      const [row] = pkbQueries.findClaimsByRowids({ db, userId, rowids: [hit.rowid] });
      return row ? { row, similarity: hit.cosine, method: 'cosine' } : null;
    }
    return bestLexical(services, userId, p.statement, excluded);
  });
  const claims = toClaims(
    db,
    found.flatMap((f) => (f ? [f.row] : [])),
  );
  let next = 0;
  return found.map((f) => {
    if (!f) return null;
    const claim = claims[next++];
    return claim ? { claim, similarity: f.similarity, method: f.method } : null;
  });
}

function bestLexical(
  services: AppServices,
  userId: string,
  statement: string,
  excluded: ReadonlySet<string>,
): { row: pkbQueries.ClaimRecord; similarity: number; method: 'lexical' } | null {
  const { db } = services;
  const ftsQuery = retrievalFtsQuery(statement);
  if (!ftsQuery) return null;
  const hits = pkbQueries.searchClaimsFts({
    db,
    filter: { userId, statuses: NOT_RETRACTED, excludeIds: [...excluded] },
    ftsQuery,
    limit: LEXICAL_CANDIDATES,
  });
  let best: { row: pkbQueries.ClaimRecord; similarity: number; method: 'lexical' } | null = null;
  for (const row of pkbQueries.findClaimsByRowids({
    db,
    userId,
    rowids: hits.map((h) => h.rowid),
  })) {
    const similarity = lexicalSimilarity(statement, row.statement);
    if (similarity > (best?.similarity ?? 0)) best = { row, similarity, method: 'lexical' };
  }
  return best;
}
