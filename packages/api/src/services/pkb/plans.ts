/**
 * Review plans ("propose first, never write silently"): proposals (proposals.ts) stored per user
 * for {@link PKB_LIMITS.planTtlMs} and applied only as the user approves (and edits) them — all
 * writes of one plan in one transaction, after which the plan is gone. Expired plans are swept
 * whenever the user's plans are read.
 */
import { pkbPlanQueries, pkbQueries, type Db, type PkbPlanRow } from '@margin/db';
import {
  PKB_LIMITS,
  type ExecutePlanResult,
  type Plan,
  type Proposal,
  type executePlanInput,
} from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { AppServices } from '../../trpc.js';
import { requireConversation } from '../conversations/core.js';
import {
  applyClaimUpdate,
  currentMatrix,
  insertPreparedClaim,
  prepareClaimInputs,
  type ClaimProvenance,
} from './claims.js';
import { detectConflicts } from './conflicts.js';

export const PLAN_GONE_MESSAGE = 'This suggestion list was already applied or has expired.';
const planGone = () => new TRPCError({ code: 'NOT_FOUND', message: PLAN_GONE_MESSAGE });

function toPlan(row: PkbPlanRow): Plan {
  return {
    planId: row.id,
    kind: row.kind,
    conversationId: row.conversationId,
    messageId: row.messageId,
    // Written by `storePlan` from `Proposal[]`.
    proposals: row.proposals as Proposal[],
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

function sweep(db: Db, userId: string): void {
  pkbPlanQueries.deleteExpiredPlans({ db, userId, now: new Date() });
}

/** Stores the proposals as a plan (replacing earlier plans for the same answer). */
export function storePlan({
  db,
  userId,
  kind,
  conversationId = null,
  messageId = null,
  proposals,
}: {
  db: Db;
  userId: string;
  kind: Plan['kind'];
  conversationId?: string | null;
  messageId?: string | null;
  proposals: Proposal[];
}): string {
  const now = new Date();
  return db.transaction((tx) => {
    if (messageId) pkbPlanQueries.deleteMessagePlans({ db: tx, userId, messageId });
    return pkbPlanQueries.insertPlan({
      db: tx,
      plan: {
        userId,
        kind,
        conversationId,
        messageId,
        proposals,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PKB_LIMITS.planTtlMs),
      },
    }).id;
  });
}

export function getPlan({ db, userId, planId }: { db: Db; userId: string; planId: string }): Plan {
  sweep(db, userId);
  const row = pkbPlanQueries.findPlan({ db, userId, id: planId });
  if (!row) throw planGone();
  return toPlan(row);
}

/** The newest unexecuted chat plan of the caller's conversation, or null. */
export function latestChatPlan({
  db,
  userId,
  conversationId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
}): Plan | null {
  requireConversation({ db, userId, id: conversationId });
  sweep(db, userId);
  const row = pkbPlanQueries.findLatestChatPlan({ db, userId, conversationId });
  return row ? toPlan(row) : null;
}

export function dismissPlan({ db, userId, planId }: { db: Db; userId: string; planId: string }) {
  sweep(db, userId);
  if (!pkbPlanQueries.deletePlan({ db, userId, id: planId })) throw planGone();
  return { planId };
}

type Approval = z.infer<typeof executePlanInput>['approved'][number];

/**
 * Applies the approved proposals of a plan of `kind`. Every index must exist (else BAD_REQUEST,
 * nothing written). An approved skip is ignored unless the user chose an action for it; an
 * update whose memory was since deleted or retracted becomes an add.
 */
export async function executePlan({
  services,
  userId,
  planId,
  kind,
  approved,
}: {
  services: AppServices;
  userId: string;
  planId: string;
  kind: Plan['kind'];
  approved: readonly Approval[];
}): Promise<ExecutePlanResult> {
  const { db } = services;
  const plan = getPlan({ db, userId, planId });
  if (plan.kind !== kind) {
    const right = plan.kind === 'chat' ? 'executeUpdates' : 'executeIngest';
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `This suggestion list comes from ${plan.kind === 'chat' ? 'a chat' : 'imported text'}; apply it with ${right}.`,
    });
  }
  const counts = new Map<number, number>();
  for (const a of approved) counts.set(a.index, (counts.get(a.index) ?? 0) + 1);
  const bad = [...counts].filter(([i, n]) => n > 1 || !plan.proposals[i]).map(([i]) => i);
  if (bad.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `No suggestion number ${bad.join(', ')} in this list (it has ${plan.proposals.length}, numbered from 0, each at most once). Nothing was saved.`,
    });
  }

  const items = approved.flatMap((a) => {
    const p = plan.proposals[a.index];
    const action = a.edits?.action ?? p?.action;
    if (!p || action === 'skip') return [];
    const input = {
      statement: a.edits?.statement ?? p.statement,
      type: a.edits?.type ?? p.type,
      domain: a.edits?.domain ?? p.domain,
      confidence: p.confidence,
      tags: [],
      entities: [],
    };
    return [{ input, updateId: action === 'update' ? p.match?.claimId : undefined }];
  });
  // Embedding is async: done before the (synchronous) transaction.
  const prepared = await prepareClaimInputs({ services, inputs: items.map((i) => i.input) });
  const matrix = currentMatrix(services, userId);
  const provenance: ClaimProvenance =
    plan.kind === 'chat'
      ? { source: 'chat', conversationId: plan.conversationId, messageId: plan.messageId }
      : { source: 'ingest' };

  const written = db.transaction(
    (tx) => {
      // Deleting first makes a concurrent second execute find nothing and write nothing.
      if (!pkbPlanQueries.deletePlan({ db: tx, userId, id: planId })) throw planGone();
      // Two approvals edited into the same text, or aimed at the same memory, write it once.
      const statements = new Set<string>();
      const updated = new Set<string>();
      return items.flatMap((item, i) => {
        const claim = prepared[i];
        if (!claim || statements.has(claim.normalized)) return [];
        statements.add(claim.normalized);
        // Only a live claim of the user's is updated; one deleted or retracted since is re-added.
        const target = item.updateId
          ? pkbQueries.findClaim({ db: tx, userId, id: item.updateId })
          : undefined;
        if (target && target.status !== 'retracted' && !updated.has(target.id)) {
          updated.add(target.id);
          const changes = { type: item.input.type, domain: item.input.domain };
          const row = applyClaimUpdate({ db: tx, userId, id: target.id, changes, prepared: claim });
          if (row) return [{ id: row.id, updated: true, claim }];
        }
        const row = insertPreparedClaim({ db: tx, userId, prepared: claim, provenance });
        return [{ id: row.id, updated: false, claim }];
      });
    },
    { behavior: 'immediate' },
  );
  // Like any new or edited memory: checked for contradictions with the others.
  await detectConflicts({
    services,
    userId,
    matrix,
    claims: written.flatMap((w) =>
      w.claim.embedding
        ? [{ id: w.id, statement: w.claim.statement, embedding: w.claim.embedding }]
        : [],
    ),
  });
  return {
    created: written.filter((w) => !w.updated).length,
    updated: written.filter((w) => w.updated).length,
    claimIds: written.map((w) => w.id),
  };
}
