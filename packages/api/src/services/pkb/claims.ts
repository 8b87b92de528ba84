/**
 * Creating and editing memories (claims), with duplicate detection: the normalised statement
 * first (exact), then cosine similarity of embeddings when an embedding model is configured.
 * Embeddings are computed before the transaction (better-sqlite3 is synchronous); a provider
 * failure only leaves the claim unembedded (search embeds it later).
 *
 * The building blocks (prepare.ts: `prepareClaimInputs`, `insertPreparedClaim`,
 * `applyClaimUpdate`; similarity.ts: `findSimilarClaims`) are what review plans execute with;
 * they are re-exported here.
 */
import { TRPCError } from '@trpc/server';
import { pkbQueries, type Executor } from '@margin/db';
import type { BulkCreateResult, Claim } from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { claimsChanged, PKB_THRESHOLDS, rankClaims, type ClaimMatrix } from './embeddings.js';
import { detectConflicts } from './conflicts.js';
import { createVectorStore, type VectorStore } from './simd.js';
import {
  applyClaimUpdate,
  currentMatrix,
  insertPreparedClaim,
  prepareClaimInputs,
  prepareStatements,
  type ClaimProvenance,
  type ParsedClaimInput,
  type ParsedClaimUpdate,
  type PreparedClaim,
  type PreparedStatement,
} from './prepare.js';
import { claimNotFound, toClaim, toClaims } from './views.js';

// Review plans and similarity import the building blocks from here too.
export * from './prepare.js';
export { PKB_THRESHOLDS };

/** Best non-retracted cosine match per prepared statement (rowid and similarity). */
function bestCosine(
  matrix: ClaimMatrix | undefined,
  prepared: readonly PreparedStatement[],
  excludeRowids?: ReadonlySet<number>,
): ({ rowid: number; cosine: number } | undefined)[] {
  return prepared.map((p) =>
    matrix && p.embedding
      ? rankClaims(matrix, p.embedding, 1, {
          statuses: ['active', 'contested', 'historical', 'superseded', 'draft'],
          excludeRowids,
        })[0]
      : undefined,
  );
}

interface Duplicate {
  existing: pkbQueries.ClaimRecord;
  similarity: number;
}

/** Duplicates among the user's non-retracted claims: exact normalised text, then cosine. */
function findDuplicates(
  db: Executor,
  userId: string,
  matrix: ClaimMatrix | undefined,
  prepared: readonly PreparedStatement[],
): (Duplicate | undefined)[] {
  const exact = new Map<string, pkbQueries.ClaimRecord>();
  for (const row of pkbQueries.findClaimsByNormalized({
    db,
    userId,
    normalized: prepared.map((p) => p.normalized),
  }))
    if (!exact.has(row.normalized)) exact.set(row.normalized, row);
  const cosine = bestCosine(matrix, prepared);
  const near = cosine.flatMap((c) =>
    c && c.cosine >= PKB_THRESHOLDS.DUPLICATE_COSINE ? [c.rowid] : [],
  );
  const nearRows = new Map(
    pkbQueries.findClaimsByRowids({ db, userId, rowids: near }).map((r) => [r.rowid, r]),
  );
  return prepared.map((p, i) => {
    const same = exact.get(p.normalized);
    if (same) return { existing: same, similarity: 1 };
    const c = cosine[i];
    const row =
      c && c.cosine >= PKB_THRESHOLDS.DUPLICATE_COSINE ? nearRows.get(c.rowid) : undefined;
    return c && row && row.status !== 'retracted'
      ? { existing: row, similarity: c.cosine }
      : undefined;
  });
}

function duplicateError(existing: { statement: string }): TRPCError {
  return new TRPCError({
    code: 'CONFLICT',
    message: `You already have this memory: "${existing.statement}"`,
  });
}

export async function createClaim({
  services,
  userId,
  input,
  provenance = { source: 'manual' },
}: {
  services: AppServices;
  userId: string;
  input: ParsedClaimInput;
  provenance?: ClaimProvenance;
}): Promise<Claim> {
  const result = await bulkCreateClaims({ services, userId, inputs: [input], provenance });
  const dup = result.duplicates[0];
  if (dup) throw duplicateError(dup.existing);
  const [created] = result.created;
  if (!created) throw new Error('bulkCreateClaims created nothing and reported no duplicate');
  return created;
}

/**
 * Creates the claims that are not duplicates (of existing claims or of an earlier item of the
 * batch), in one transaction; then, outside it, checks the new claims for contradictions.
 */
export async function bulkCreateClaims({
  services,
  userId,
  inputs,
  provenance = { source: 'manual' },
}: {
  services: AppServices;
  userId: string;
  inputs: readonly ParsedClaimInput[];
  provenance?: ClaimProvenance;
}): Promise<BulkCreateResult> {
  const { db } = services;
  const prepared = await prepareClaimInputs({ services, inputs });
  const matrix = currentMatrix(services, userId);
  const duplicates: BulkCreateResult['duplicates'] = [];
  const rows = db.transaction((tx) => {
    const existing = findDuplicates(tx, userId, matrix, prepared);
    const created: { index: number; row: pkbQueries.ClaimRecord }[] = [];
    const earlier = new CreatedInBatch(prepared);
    const dupRows: { index: number; row: pkbQueries.ClaimRecord; similarity: number }[] = [];
    prepared.forEach((p, index) => {
      const dup = existing[index] ?? earlier.find(p);
      if (dup) {
        dupRows.push({ index, row: dup.existing, similarity: dup.similarity });
        return;
      }
      const row = insertPreparedClaim({ db: tx, userId, prepared: p, provenance });
      created.push({ index, row });
      earlier.add(p, row);
    });
    const claims = toClaims(tx, [...created.map((c) => c.row), ...dupRows.map((d) => d.row)]);
    dupRows.forEach((d, i) => {
      const claim = claims[created.length + i];
      if (claim) duplicates.push({ index: d.index, existing: claim, similarity: d.similarity });
    });
    return created.flatMap((c, i) => {
      const claim = claims[i];
      return claim ? [{ index: c.index, claim }] : [];
    });
  });
  const checked = await detectConflicts({
    services,
    userId,
    matrix,
    claims: rows.flatMap(({ index, claim }) => {
      const embedding = prepared[index]?.embedding;
      return embedding ? [{ id: claim.id, statement: claim.statement, embedding }] : [];
    }),
  });
  // Claims a new conflict marked contested are read again.
  const contested = new Set(checked);
  const created = rows.map(({ claim }) =>
    contested.has(claim.id) ? refresh(services, userId, claim) : claim,
  );
  return { created, duplicates };
}

/**
 * The claims one bulk call has created so far, to find an item that repeats an earlier one: by
 * normalised text, else by cosine. Cosines are scored in WebAssembly SIMD when available (a
 * batch of 200 compares about 20k pairs; a JS loop made that half of a bulk call's time).
 */
class CreatedInBatch {
  private readonly byText = new Map<string, pkbQueries.ClaimRecord>();
  private readonly rows: pkbQueries.ClaimRecord[] = [];
  private readonly vectors: Float32Array[] = [];
  private readonly store: VectorStore | undefined;

  constructor(prepared: readonly PreparedClaim[]) {
    const dim = prepared.find((p) => p.embedding)?.embedding?.length ?? 0;
    this.store = dim > 0 ? createVectorStore(dim, prepared.length) : undefined;
  }

  add(p: PreparedClaim, row: pkbQueries.ClaimRecord): void {
    if (!this.byText.has(p.normalized)) this.byText.set(p.normalized, row);
    if (!p.embedding) return;
    const { store } = this;
    if (store?.dim === p.embedding.length)
      store.rows.set(p.embedding, this.rows.length * store.dim);
    this.rows.push(row);
    this.vectors.push(p.embedding);
  }

  find(p: PreparedClaim): Duplicate | undefined {
    const same = this.byText.get(p.normalized);
    if (same) return { existing: same, similarity: 1 };
    const query = p.embedding;
    if (!query || this.rows.length === 0) return undefined;
    const simd = this.store?.dim === query.length ? this.store : undefined;
    const scores = simd?.score(query, this.rows.length);
    let best: Duplicate | undefined;
    this.rows.forEach((row, i) => {
      const dot = scores ? (scores[i] ?? -1) : dotProduct(query, this.vectors[i]);
      if (dot >= PKB_THRESHOLDS.DUPLICATE_COSINE && dot > (best?.similarity ?? -1))
        best = { existing: row, similarity: dot };
    });
    return best;
  }
}

function dotProduct(a: Float32Array, b: Float32Array | undefined): number {
  if (!b) return -1;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

function refresh(services: AppServices, userId: string, claim: Claim): Claim {
  const row = pkbQueries.findClaim({ db: services.db, userId, id: claim.id });
  return row ? toClaim(services.db, row) : claim;
}

export function getClaim({
  services,
  userId,
  id,
}: {
  services: AppServices;
  userId: string;
  id: string;
}): Claim {
  const row = pkbQueries.findClaim({ db: services.db, userId, id });
  if (!row) throw claimNotFound();
  return toClaim(services.db, row);
}

/**
 * Edits a claim. A new statement is re-embedded and must not duplicate another memory; a changed
 * statement is checked for contradictions like a new one.
 */
export async function updateClaim({
  services,
  userId,
  input,
}: {
  services: AppServices;
  userId: string;
  input: ParsedClaimUpdate;
}): Promise<Claim> {
  const { db } = services;
  const { id, statement, ...changes } = input;
  const current = pkbQueries.findClaim({ db, userId, id });
  if (!current) throw claimNotFound();
  const prepared =
    statement !== undefined && statement !== current.statement
      ? (await prepareStatements({ services, statements: [statement] }))[0]
      : undefined;
  const matrix = prepared ? currentMatrix(services, userId) : undefined;
  if (prepared) {
    const exact = pkbQueries
      .findClaimsByNormalized({ db, userId, normalized: [prepared.normalized] })
      .find((r) => r.id !== id);
    if (exact) throw duplicateError(exact);
    const near = bestCosine(matrix, [prepared], new Set([current.rowid]))[0];
    if (near && near.cosine >= PKB_THRESHOLDS.DUPLICATE_COSINE) {
      const [row] = pkbQueries.findClaimsByRowids({ db, userId, rowids: [near.rowid] });
      if (row) throw duplicateError(row);
    }
  }
  const row = db.transaction((tx) => applyClaimUpdate({ db: tx, userId, id, changes, prepared }));
  if (!row) throw claimNotFound();
  if (prepared?.embedding && row.status === 'active') {
    const contested = await detectConflicts({
      services,
      userId,
      matrix,
      claims: [{ id, statement: prepared.statement, embedding: prepared.embedding }],
    });
    if (contested.length > 0) return getClaim({ services, userId, id });
  }
  return toClaim(db, row);
}

export function deleteClaim({
  services,
  userId,
  id,
}: {
  services: AppServices;
  userId: string;
  id: string;
}): { id: string } {
  const { db } = services;
  const row = pkbQueries.findClaim({ db, userId, id });
  if (!row) throw claimNotFound();
  // Members of its conflicts may go back to active when a conflict dissolves.
  const conflicts = pkbQueries.listConflicts({ db, userId }).map((c) => c.id);
  const members = pkbQueries.listConflictMembers({ db, conflictIds: conflicts });
  const mine = new Set(members.filter((m) => m.claimId === id).map((m) => m.conflictId));
  const peers = members.filter((m) => mine.has(m.conflictId)).map((m) => m.claimId);
  const affected = pkbQueries.findClaimsByIds({ db, userId, ids: peers }).map((r) => r.rowid);
  const deleted = db.transaction((tx) => pkbQueries.deleteClaim({ db: tx, userId, id }));
  if (!deleted) throw claimNotFound();
  claimsChanged(userId, { rowids: [row.rowid, ...affected] });
  return { id };
}

export function pinClaim({
  services,
  userId,
  id,
  pinned,
}: {
  services: AppServices;
  userId: string;
  id: string;
  pinned: boolean;
}): Claim {
  const row = pkbQueries.updateClaim({ db: services.db, userId, id, changes: { pinned } });
  if (!row) throw claimNotFound();
  return toClaim(services.db, row);
}
