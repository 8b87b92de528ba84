/**
 * Proposals: candidate memories from a chat answer or pasted notes, each matched against the
 * user's memories (add, update the similar one, or skip a duplicate), stored as a review plan.
 */
import { messageQueries } from '@margin/db';
import { PKB_LIMITS, type ClaimDomain, type Proposal, type ProposalsResult } from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { AppServices } from '../../trpc.js';
import { describeLlmError } from '../llm/client.js';
import { requireConversation } from '../conversations/core.js';
import { PKB_THRESHOLDS, type SimilarClaim } from './claims.js';
import { extractFromNotes, extractFromTurn } from './extract.js';
import { parseNotes, type Candidate } from './ingest-parser.js';
import { normalizeStatement } from './normalize.js';
import { storePlan } from './plans.js';
import { findSimilarClaims } from './similarity.js';

/**
 * Match thresholds per similarity scale. Cosine of embeddings (−1…1): paraphrases of one fact
 * score above ~0.9, the same subject with another value ("I live in Paris" / "in Lyon") ~0.8.
 * Lexical Dice over normalised words (0…1) only sees shared words, so it needs its own scale:
 * 0.75 is already "I live in Paris" / "I live in Lyon". Never RRF scores (≤ 0.033), the original's
 * bug that made every candidate a plain add.
 */
export const MATCH_THRESHOLDS = {
  cosine: { duplicate: PKB_THRESHOLDS.DUPLICATE_COSINE, update: 0.82, related: 0.6 },
  lexical: { duplicate: 0.9, update: 0.7, related: 0.4 },
} as const;

/** A candidate and its best existing match as a proposal. */
export function toProposal(
  candidate: Candidate,
  index: number,
  best: SimilarClaim | null,
): Proposal {
  const base = { index, ...candidate };
  if (!best) return { ...base, action: 'add', reason: 'New memory.', match: null };
  const t = MATCH_THRESHOLDS[best.method];
  const match = {
    claimId: best.claim.id,
    statement: best.claim.statement,
    similarity: Math.round(best.similarity * 1000) / 1000,
  };
  const percent = `${Math.round(best.similarity * 100)}% similar`;
  if (best.similarity >= t.duplicate)
    return { ...base, action: 'skip', reason: `You already have this memory (${percent}).`, match };
  if (best.similarity >= t.update)
    return { ...base, action: 'update', reason: `Updates a similar memory (${percent}).`, match };
  if (best.similarity >= t.related)
    return { ...base, action: 'add', reason: `New, related to a memory (${percent}).`, match };
  return { ...base, action: 'add', reason: 'New memory.', match: null };
}

/** Proposals for candidates: duplicates within the batch dropped, each matched to memory. */
export async function buildProposals({
  services,
  userId,
  candidates,
}: {
  services: AppServices;
  userId: string;
  candidates: readonly Candidate[];
}): Promise<Proposal[]> {
  const seen = new Set<string>();
  const unique = candidates.filter((c) => {
    const key = normalizeStatement(c.statement);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, PKB_LIMITS.proposalsMax);
  const matches = await findSimilarClaims({
    services,
    userId,
    statements: kept.map((c) => c.statement),
  });
  return kept.map((c, i) => toProposal(c, i, matches[i] ?? null));
}

/** "Found 3 memories: 2 new, 1 to update." */
export function summarizeProposals(proposals: readonly Proposal[]): string {
  if (proposals.length === 0) return 'No new memories found.';
  const count = (a: Proposal['action']) => proposals.filter((p) => p.action === a).length;
  const parts = [
    count('add') > 0 ? `${count('add')} new` : '',
    count('update') > 0 ? `${count('update')} to update` : '',
    count('skip') > 0 ? `${count('skip')} already saved` : '',
  ].filter(Boolean);
  const n = proposals.length;
  return `Found ${n} ${n === 1 ? 'memory' : 'memories'}: ${parts.join(', ')}.`;
}

/**
 * Proposals from one answer of the caller's conversation (default: the last answer) with its
 * question and the running summary. Needs the `fast` model; without it there is nothing to
 * review. `onlyWhenNew` (after each reply) stores nothing unless some proposal is not a skip.
 */
export async function proposeFromAnswer({
  services,
  userId,
  conversationId,
  messageId,
  onlyWhenNew = false,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  messageId?: string | undefined;
  onlyWhenNew?: boolean;
}): Promise<ProposalsResult> {
  const { db, llm } = services;
  const conversation = requireConversation({ db, userId, id: conversationId });
  const answer = messageId
    ? messageQueries.findOwnedMessage({ db, id: messageId, userId })
    : messageQueries.findLastMessageWithRole({ db, conversationId, role: 'assistant' });
  if (messageId && answer?.conversationId !== conversationId) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'Message not found in this conversation. It may have been deleted; reload.',
    });
  }
  if (answer && answer.role !== 'assistant') {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Memories are suggested from an answer: pick an assistant message.',
    });
  }
  if (answer?.status === 'streaming') {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'This answer is still being written. Suggest memories once it is finished.',
    });
  }
  if (!answer?.content.trim()) return { planId: null, proposals: [], summary: 'No answer yet.' };
  if (!llm.hasRole('fast')) {
    return {
      planId: null,
      proposals: [],
      summary: 'Suggesting memories from a chat needs the fast model (set MODEL_FAST).',
    };
  }
  const question = messageQueries
    .listMessagesBefore({ db, conversationId, userId, before: answer.position, limit: 20 })
    .find((m) => m.role === 'user');
  const candidates = await extractFromTurn({
    llm,
    summary: conversation.summary,
    question: question?.content ?? '',
    answer: answer.content,
  }).catch((err: unknown) => {
    throw new TRPCError({ code: 'BAD_GATEWAY', message: describeLlmError(err), cause: err });
  });
  const proposals = await buildProposals({ services, userId, candidates });
  const worth = onlyWhenNew ? proposals.some((p) => p.action !== 'skip') : proposals.length > 0;
  const planId = worth
    ? storePlan({ db, userId, kind: 'chat', conversationId, messageId: answer.id, proposals })
    : null;
  return { planId, proposals, summary: summarizeProposals(proposals) };
}

/** Proposals from pasted notes: the `fast` model splits them, else the rule-based parser. */
export async function proposeFromText({
  services,
  userId,
  text,
  domain = 'personal',
}: {
  services: AppServices;
  userId: string;
  text: string;
  domain?: ClaimDomain | undefined;
}): Promise<ProposalsResult> {
  const { db, llm, logger } = services;
  const candidates = llm.hasRole('fast')
    ? await extractFromNotes({ llm, logger, text, domain })
    : parseNotes(text, domain);
  const proposals = await buildProposals({ services, userId, candidates });
  const planId = proposals.length > 0 ? storePlan({ db, userId, kind: 'ingest', proposals }) : null;
  return { planId, proposals, summary: summarizeProposals(proposals) };
}
