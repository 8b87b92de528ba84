/**
 * The building blocks of writing memories, shared by the claims service (claims.ts) and review
 * plans (plans.ts): statements normalised and embedded before any transaction, then inserted or
 * applied synchronously inside the caller's transaction.
 */
import { TRPCError } from '@trpc/server';
import { pkbQueries, type Executor } from '@margin/db';
import type {
  Claim,
  ClaimSource,
  ClaimStatus,
  claimInputSchema,
  updateClaimInput,
} from '@margin/shared';
import type { z } from 'zod';
import type { AppServices } from '../../trpc.js';
import { embedTexts, vectorToBlob } from '../documents/embeddings.js';
import { claimMatrix, claimsChanged, type ClaimMatrix } from './embeddings.js';
import { normalizeStatement } from './normalize.js';

export type ParsedClaimInput = z.output<typeof claimInputSchema>;
export type ParsedClaimUpdate = z.output<typeof updateClaimInput>;

/** A statement ready to store: normalised, embedded when possible. */
export interface PreparedStatement {
  statement: string;
  normalized: string;
  /** Unit vector, or null (no embedding model, or the provider failed). */
  embedding: Float32Array | null;
  embeddingModel: string | null;
}

export interface PreparedClaim extends PreparedStatement {
  input: ParsedClaimInput;
}

export interface ClaimProvenance {
  source: ClaimSource;
  conversationId?: string | null | undefined;
  messageId?: string | null | undefined;
}

/**
 * Normalises and embeds statements in one batched request (before any transaction). Never
 * throws for the provider: on failure the embeddings are null and a warning is logged.
 */
export async function prepareStatements({
  services,
  statements,
  signal,
}: {
  services: AppServices;
  statements: readonly string[];
  signal?: AbortSignal | undefined;
}): Promise<PreparedStatement[]> {
  let vectors: (Float32Array | undefined)[] = [];
  let model: string | null = null;
  if (statements.length > 0 && services.llm.hasRole('embedding')) {
    try {
      model = services.llm.resolveModel('embedding');
      vectors =
        (await embedTexts({
          llm: services.llm,
          texts: [...statements],
          ...(signal ? { signal } : {}),
        })) ?? [];
    } catch (err) {
      if (signal?.aborted) throw err;
      services.logger.warn(
        { count: statements.length, err: err instanceof Error ? err.message : String(err) },
        'could not embed memories; saved without embeddings (search embeds them later)',
      );
      vectors = [];
    }
  }
  return statements.map((statement, i) => {
    const embedding = vectors[i] ?? null;
    return {
      statement,
      normalized: normalizeStatement(statement),
      embedding,
      embeddingModel: embedding ? model : null,
    };
  });
}

export async function prepareClaimInputs({
  services,
  inputs,
  signal,
}: {
  services: AppServices;
  inputs: readonly ParsedClaimInput[];
  signal?: AbortSignal | undefined;
}): Promise<PreparedClaim[]> {
  const prepared = await prepareStatements({
    services,
    statements: inputs.map((i) => i.statement),
    signal,
  });
  return prepared.flatMap((p, i) => {
    const input = inputs[i];
    return input ? [{ ...p, input }] : [];
  });
}

/** Inserts one prepared claim (sync: call it inside the caller's transaction). */
export function insertPreparedClaim({
  db,
  userId,
  prepared,
  provenance,
  status = 'active',
}: {
  db: Executor;
  userId: string;
  prepared: PreparedClaim;
  provenance: ClaimProvenance;
  status?: ClaimStatus;
}): pkbQueries.ClaimRecord {
  const { input } = prepared;
  const row = pkbQueries.insertClaim({
    db,
    userId,
    claim: {
      statement: prepared.statement,
      normalized: prepared.normalized,
      type: input.type,
      domain: input.domain,
      status,
      confidence: input.confidence ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      source: provenance.source,
      sourceConversationId: provenance.conversationId ?? null,
      sourceMessageId: provenance.messageId ?? null,
      embedding: prepared.embedding ? vectorToBlob(prepared.embedding) : null,
      embeddingModel: prepared.embeddingModel,
    },
    tags: input.tags,
    entities: input.entities,
  });
  claimsChanged(userId, { rowids: [row.rowid], unembedded: !prepared.embedding });
  return row;
}

export type ClaimUpdate = Omit<ParsedClaimUpdate, 'id' | 'statement'>;

/**
 * Applies an edit to the caller's claim (sync: inside the caller's transaction). A new statement
 * comes `prepared` (re-embedded); the validity window is checked against the stored one.
 * Undefined when the claim is not the caller's.
 */
export function applyClaimUpdate({
  db,
  userId,
  id,
  changes,
  prepared,
}: {
  db: Executor;
  userId: string;
  id: string;
  changes: ClaimUpdate;
  prepared?: PreparedStatement | undefined;
}): pkbQueries.ClaimRecord | undefined {
  const current = pkbQueries.findClaim({ db, userId, id });
  if (!current) return undefined;
  const validFrom = changes.validFrom === undefined ? current.validFrom : changes.validFrom;
  const validTo = changes.validTo === undefined ? current.validTo : changes.validTo;
  if (validFrom && validTo && validFrom.getTime() > validTo.getTime()) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'The end of validity must not be before its start.',
    });
  }
  const statementChanged = prepared !== undefined && prepared.statement !== current.statement;
  const row = pkbQueries.updateClaim({
    db,
    userId,
    id,
    changes: {
      ...(changes.type !== undefined && { type: changes.type }),
      ...(changes.domain !== undefined && { domain: changes.domain }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.confidence !== undefined && { confidence: changes.confidence }),
      ...(changes.validFrom !== undefined && { validFrom: changes.validFrom }),
      ...(changes.validTo !== undefined && { validTo: changes.validTo }),
      ...(statementChanged && {
        statement: prepared.statement,
        normalized: prepared.normalized,
        embedding: prepared.embedding ? vectorToBlob(prepared.embedding) : null,
        embeddingModel: prepared.embeddingModel,
      }),
    },
    tags: changes.tags,
    entities: changes.entities,
  });
  claimsChanged(userId, {
    rowids: [current.rowid],
    unembedded: statementChanged && !prepared.embedding,
  });
  return row;
}

/** The best existing match of a statement. */
export interface SimilarClaim {
  claim: Claim;
  /** Cosine (−1…1) or lexical Dice over normalised words (0…1); 1 for the same normalised text. */
  similarity: number;
  method: 'cosine' | 'lexical';
}

/** The user's matrix for the configured embedding model, or undefined when none is. */
export function currentMatrix(services: AppServices, userId: string): ClaimMatrix | undefined {
  if (!services.llm.hasRole('embedding')) return undefined;
  return claimMatrix(services.db, userId, services.llm.resolveModel('embedding'));
}
