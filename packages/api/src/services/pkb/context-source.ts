/**
 * The memory context source (chat/context-sources.ts): which of the user's claims an answer is
 * given, in priority order and de-duplicated —
 *
 *   1. `@memory:<id>` references in the message, 2. claims attached in the composer,
 *   3. globally pinned claims, 4. claims pinned to this conversation,
 *   5. the best matches of a hybrid search for the question (and the running summary).
 *
 * Only valid claims go in: status active or contested, validity window containing now; a
 * retracted or expired claim is never injected, even when referenced, attached or pinned.
 * Claims excluded from the conversation are left out of 3–5; a reference or attachment in the
 * message itself is the user asking for that claim now, so it wins over the exclusion.
 * A referenced or attached id that is not the user's claim is NOT_FOUND, raised while the
 * reply's context is gathered, before the turn is stored.
 */
import { pkbPlanQueries, pkbQueries } from '@margin/db';
import {
  PKB_LIMITS,
  RECALLED_CLAIM_STATUSES,
  type Claim,
  type ClaimSearchResult,
  type RecallWhy,
  type RelevantContext,
} from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { AppServices } from '../../trpc.js';
import type { MemoryContext, MemoryContextRequest, MemoryUse } from '../chat/context-sources.js';
import { requireConversation } from '../conversations/core.js';
import { countTokens, truncateToTokens } from '../chat/tokens.js';
import { searchClaims } from './search.js';
import { toClaims } from './views.js';

/** Claims one answer is given at most (deliberate ones can push past it, see below). */
export const MEMORY_K = 10;
/** Search always gets at least this many slots, however many claims were chosen deliberately. */
export const MIN_SEARCH_SLOTS = 3;
/** Pinned claims taken per source at most (global pins, then conversation pins). */
export const PINNED_MAX = 20;
/** Tokens of memory lines at most (the prompt's own memories share applies on top). */
export const MEMORY_TOKEN_BUDGET = 1_000;
/** One statement's line is cut to this many tokens, so one long memory cannot crowd out others. */
const LINE_MAX_TOKENS = 200;
/** Search hits found only by meaning need at least this cosine (like automatic document recall). */
export const MIN_COSINE = 0.3;
/** Summary tokens added to the search text: enough for the conversation's topic. */
const SUMMARY_SEARCH_TOKENS = 200;

type Via = NonNullable<RecallWhy['via']>;

const LABELS: Record<Via, string> = {
  referenced: '[referenced] ',
  attached: '[attached] ',
  pinned: '[pinned] ',
  conversation_pinned: '[pinned here] ',
  search: '',
};

/** Whether a claim may be recalled at `now`: active or contested, and valid then. */
export function isRecallable(
  claim: Pick<Claim, 'status' | 'validFrom' | 'validTo'>,
  now: Date,
): boolean {
  const t = now.getTime();
  return (
    (RECALLED_CLAIM_STATUSES as readonly string[]).includes(claim.status) &&
    (!claim.validFrom || claim.validFrom.getTime() <= t) &&
    (!claim.validTo || claim.validTo.getTime() >= t)
  );
}

export interface CollectRequest {
  userId: string;
  query: string;
  conversationId?: string | undefined;
  summary?: string | undefined;
  referencedIds?: readonly string[];
  attachedIds?: readonly string[];
  k?: number;
  now?: Date;
}

/** The claims for one question, in priority order, each with how (`why.via`) it got in. */
export async function collectMemories({
  services,
  request,
}: {
  services: AppServices;
  request: CollectRequest;
}): Promise<ClaimSearchResult[]> {
  const { db } = services;
  const { userId, conversationId } = request;
  const now = request.now ?? new Date();
  const k = request.k ?? MEMORY_K;
  const referenced = request.referencedIds ?? [];
  const attached = request.attachedIds ?? [];

  const explicitRows = pkbQueries.findClaimsByIds({
    db,
    userId,
    ids: [...referenced, ...attached],
  });
  const byId = new Map(toClaims(db, explicitRows).map((c) => [c.id, c]));
  const missing = [...referenced, ...attached].find((id) => !byId.has(id));
  if (missing !== undefined) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `Memory @memory:${missing} was not found. It may have been deleted; check the id.`,
    });
  }
  const picked = new Map<string, ClaimSearchResult>();
  const add = (claim: Claim | undefined, via: Via) => {
    if (!claim || picked.has(claim.id) || !isRecallable(claim, now)) return;
    picked.set(claim.id, { claim, score: 0, why: { rrf: 0, via } });
  };
  for (const id of referenced) add(byId.get(id), 'referenced');
  for (const id of attached) add(byId.get(id), 'attached');
  // A user without usable memories costs a reply one indexed lookup, and no search.
  if (!pkbPlanQueries.hasRecallableClaims({ db, userId })) return [...picked.values()];

  const excluded = new Set(
    conversationId
      ? pkbQueries.listConversationClaimIds({ db, userId, conversationId, mode: 'excluded' })
      : [],
  );
  const take = (claim: Claim | undefined, via: Via) => {
    if (claim && !excluded.has(claim.id)) add(claim, via);
  };
  const pinned = pkbQueries.listPinnedClaims({ db, userId }).slice(0, PINNED_MAX);
  for (const claim of toClaims(db, pinned)) take(claim, 'pinned');
  if (conversationId) {
    const ids = pkbQueries
      .listConversationClaimIds({ db, userId, conversationId, mode: 'pinned' })
      .slice(0, PINNED_MAX);
    const rows = pkbQueries.findClaimsByIds({ db, userId, ids, statuses: RECALLED_CLAIM_STATUSES });
    const claims = new Map(toClaims(db, rows).map((c) => [c.id, c]));
    for (const id of ids) take(claims.get(id), 'conversation_pinned');
  }

  const query = request.query.replace(/@memory:[A-Za-z0-9_-]+/g, ' ').trim();
  if (query) {
    const slots = Math.max(MIN_SEARCH_SLOTS, k - picked.size);
    // The question first: keyword search keeps only a query's first terms.
    const summary = truncateToTokens(request.summary ?? '', SUMMARY_SEARCH_TOKENS, 'end');
    const hits = await searchClaims({
      services,
      userId,
      query: summary ? `${query}\n\n${summary}` : query,
      strategy: 'hybrid',
      k: Math.min(PKB_LIMITS.searchKMax, slots + picked.size),
      filters: { validAt: now },
      excludeIds: [...excluded],
    });
    let added = 0;
    for (const hit of hits) {
      const already = picked.get(hit.claim.id);
      // A deliberate claim that search found too keeps its place and gains the scores.
      if (already) {
        already.score = hit.score;
        already.why = { ...hit.why, via: already.why.via };
        continue;
      }
      // Vector search always ranks something: keep only real matches, as documents do.
      const relevant = hit.why.fts !== undefined || (hit.why.embedding?.cosine ?? -1) >= MIN_COSINE;
      if (added >= slots || !relevant || !isRecallable(hit.claim, now)) continue;
      picked.set(hit.claim.id, { ...hit, why: { ...hit.why, via: 'search' } });
      added++;
    }
  }
  return [...picked.values()];
}

/** One line per claim, `- [pinned] [preference] I prefer…`, within `budget` tokens. */
export function formatMemories(
  results: readonly ClaimSearchResult[],
  budget = MEMORY_TOKEN_BUDGET,
): { text: string; kept: ClaimSearchResult[] } {
  const lines: string[] = [];
  const kept: ClaimSearchResult[] = [];
  let used = 0;
  for (const result of results) {
    const label = LABELS[result.why.via ?? 'search'];
    const statement = truncateToTokens(result.claim.statement.trim(), LINE_MAX_TOKENS);
    const line = `- ${label}[${result.claim.type}] ${statement.replace(/\s*\n\s*/g, ' ')}`;
    const cost = countTokens(line) + 1;
    if (used + cost > budget) continue;
    used += cost;
    lines.push(line);
    kept.push(result);
  }
  return { text: lines.join('\n'), kept };
}

/** The chat seam: the memories block of a reply and the claims in it. */
export async function memoryContext({
  services,
  request,
}: {
  services: AppServices;
  request: MemoryContextRequest;
}): Promise<MemoryContext> {
  const results = await collectMemories({ services, request });
  const { text, kept } = formatMemories(results);
  if (kept.length === 0) return { blocks: [], uses: [] };
  const uses: MemoryUse[] = kept.map((r) => ({
    claimId: r.claim.id,
    why: { ...r.why, via: r.why.via ?? 'search' },
  }));
  return {
    blocks: [
      {
        label:
          'Saved memories ([referenced], [attached] and [pinned] ones were chosen by the user)',
        text,
      },
    ],
    uses,
  };
}

/** `pkb.relevantContext`: what a question in (optionally) a conversation would be given. */
export async function relevantContext({
  services,
  userId,
  query,
  conversationId,
  k,
}: {
  services: AppServices;
  userId: string;
  query: string;
  conversationId?: string | undefined;
  k: number;
}): Promise<RelevantContext> {
  const conversation = conversationId
    ? requireConversation({ db: services.db, userId, id: conversationId })
    : undefined;
  const results = await collectMemories({
    services,
    request: { userId, query, conversationId, summary: conversation?.summary, k },
  });
  const { text, kept } = formatMemories(results);
  return { claims: kept, text };
}
