/**
 * The personal knowledge base ("memory"): claims about the user with type, domain, status and
 * validity, entities and tags, pins, conflicts, review plans (proposals from a chat turn or
 * pasted text), search with "why recalled" scores, and which claims an answer used.
 */
import { z } from 'zod';

export const CLAIM_TYPES = [
  'fact',
  'memory',
  'decision',
  'preference',
  'task',
  'reminder',
  'habit',
  'observation',
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_STATUSES = [
  'active',
  'contested',
  'historical',
  'superseded',
  'retracted',
  'draft',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What search and chat recall by default. */
export const RECALLED_CLAIM_STATUSES = ['active', 'contested'] as const satisfies ClaimStatus[];

export const CLAIM_DOMAINS = [
  'personal',
  'health',
  'relationships',
  'learning',
  'life_ops',
  'work',
  'finance',
] as const;
export type ClaimDomain = (typeof CLAIM_DOMAINS)[number];

export const ENTITY_TYPES = [
  'person',
  'org',
  'place',
  'topic',
  'project',
  'system',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENTITY_ROLES = ['subject', 'object', 'mentioned', 'about_person'] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

/** Where a claim came from. */
export const CLAIM_SOURCES = ['manual', 'chat', 'ingest', 'import'] as const;
export type ClaimSource = (typeof CLAIM_SOURCES)[number];

export const CONFLICT_STATUSES = ['open', 'resolved'] as const;
/** Who opened a conflict: the contradiction check, or the user flagging claims. */
export const CONFLICT_ORIGINS = ['auto', 'manual'] as const;
/** Where a review plan's proposals came from. */
export const PLAN_KINDS = ['chat', 'ingest'] as const;
/** How a claim got into an answer's prompt. */
export const MEMORY_USE_VIAS = [
  'referenced',
  'attached',
  'pinned',
  'conversation_pinned',
  'search',
] as const;
export type MemoryUseVia = (typeof MEMORY_USE_VIAS)[number];

export const SEARCH_STRATEGIES = ['fts', 'embedding', 'hybrid'] as const;
export type SearchStrategy = (typeof SEARCH_STRATEGIES)[number];

export const PKB_LIMITS = {
  statementMax: 2000,
  tagMax: 64,
  tagsPerClaim: 20,
  entityNameMax: 120,
  entitiesPerClaim: 20,
  domainMax: 32,
  bulkMax: 200,
  listMax: 200,
  searchKMax: 100,
  queryMax: 2000,
  /** Pasted text for `ingestText`. */
  ingestTextMax: 50_000,
  /** Proposals in one plan. */
  proposalsMax: 100,
  /** Claims in one `import`. */
  importMax: 20_000,
  /** How long an unexecuted plan is kept. */
  planTtlMs: 7 * 24 * 60 * 60 * 1000,
} as const;

const id = z.string().min(1).max(64);

const isoDate = z.coerce.date({ error: 'Give a valid date' });

/** Hierarchical tags are written with slashes: `study/maths`. */
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(PKB_LIMITS.tagMax, `A tag is at most ${PKB_LIMITS.tagMax} characters`)
  .regex(/^[^\s,#@][^,#@]*$/u, 'A tag cannot contain commas, # or @ or start with a space')
  .transform((t) => t.toLowerCase().replace(/\s+/g, '_'));

export const entityInputSchema = z.object({
  name: z.string().trim().min(1, 'An entity needs a name').max(PKB_LIMITS.entityNameMax),
  type: z.enum(ENTITY_TYPES).default('other'),
  role: z.enum(ENTITY_ROLES).default('mentioned'),
});
export type EntityInput = z.input<typeof entityInputSchema>;

const statementSchema = z
  .string()
  .trim()
  .min(1, 'A memory needs a statement')
  .max(PKB_LIMITS.statementMax, `A statement is at most ${PKB_LIMITS.statementMax} characters`);

const claimFields = {
  statement: statementSchema,
  type: z.enum(CLAIM_TYPES),
  domain: z.enum(CLAIM_DOMAINS).default('personal'),
  tags: z.array(tagSchema).max(PKB_LIMITS.tagsPerClaim).default([]),
  entities: z.array(entityInputSchema).max(PKB_LIMITS.entitiesPerClaim).default([]),
  confidence: z.number().min(0).max(1).nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
};

function validWindow(c: { validFrom?: Date | null; validTo?: Date | null }): boolean {
  return !c.validFrom || !c.validTo || c.validFrom.getTime() <= c.validTo.getTime();
}
const windowMessage = {
  message: 'The end of validity must not be before its start',
  path: ['validTo'],
};

export const claimInputSchema = z.object(claimFields).refine(validWindow, windowMessage);
export type ClaimInput = z.input<typeof claimInputSchema>;

export const createClaimInput = claimInputSchema;
export const bulkCreateClaimsInput = z.object({
  claims: z
    .array(claimInputSchema)
    .min(1, 'Give at least one memory')
    .max(PKB_LIMITS.bulkMax, `At most ${PKB_LIMITS.bulkMax} memories at once`),
});

export const updateClaimInput = z
  .object({
    id,
    statement: statementSchema.optional(),
    type: z.enum(CLAIM_TYPES).optional(),
    domain: z.enum(CLAIM_DOMAINS).optional(),
    tags: claimFields.tags.unwrap().optional(),
    entities: claimFields.entities.unwrap().optional(),
    confidence: claimFields.confidence,
    validFrom: claimFields.validFrom,
    validTo: claimFields.validTo,
    status: z.enum(CLAIM_STATUSES).optional(),
  })
  .refine(validWindow, windowMessage);

export const claimIdInput = z.object({ id });
export const pinClaimInput = z.object({ id, pinned: z.boolean() });

export const listClaimsInput = z
  .object({
    query: z.string().max(PKB_LIMITS.queryMax).optional(),
    type: z.enum(CLAIM_TYPES).optional(),
    domain: z.enum(CLAIM_DOMAINS).optional(),
    /** Default: every status except `retracted`. */
    status: z.enum(CLAIM_STATUSES).optional(),
    tag: tagSchema.optional(),
    entity: z.string().trim().min(1).max(PKB_LIMITS.entityNameMax).optional(),
    pinned: z.boolean().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(PKB_LIMITS.listMax).default(50),
  })
  .default({ limit: 50 });

export const conversationPinInput = z.object({
  conversationId: id,
  claimId: id,
  pinned: z.boolean(),
});

export const searchFiltersSchema = z.object({
  types: z.array(z.enum(CLAIM_TYPES)).max(CLAIM_TYPES.length).optional(),
  domains: z.array(z.enum(CLAIM_DOMAINS)).max(CLAIM_DOMAINS.length).optional(),
  /** Default: active and contested. */
  statuses: z.array(z.enum(CLAIM_STATUSES)).max(CLAIM_STATUSES.length).optional(),
  tag: tagSchema.optional(),
  entity: z.string().trim().min(1).max(PKB_LIMITS.entityNameMax).optional(),
  /** Only claims valid at this moment. */
  validAt: isoDate.optional(),
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchClaimsInput = z.object({
  query: z.string().trim().min(1, 'Type something to search for').max(PKB_LIMITS.queryMax),
  strategy: z.enum(SEARCH_STRATEGIES).default('hybrid'),
  k: z.number().int().min(1).max(PKB_LIMITS.searchKMax).default(20),
  filters: searchFiltersSchema.optional(),
});

export const resolveConflictInput = z.object({
  id,
  keepClaimIds: z.array(id).max(100),
  action: z.enum(['retract_others', 'keep_all']),
});
export const createConflictInput = z.object({
  claimIds: z.array(id).min(2, 'A conflict needs at least two memories').max(20),
  reason: z.string().trim().max(500).optional(),
});

export const proposeUpdatesInput = z.object({ conversationId: id, messageId: id.optional() });

export const proposalEditsSchema = z.object({
  statement: statementSchema.optional(),
  type: z.enum(CLAIM_TYPES).optional(),
  domain: z.enum(CLAIM_DOMAINS).optional(),
  /** Override the proposed action: add as new even though a similar memory exists, or update it. */
  action: z.enum(['add', 'update']).optional(),
});
export const executePlanInput = z.object({
  planId: id,
  approved: z
    .array(
      z.object({
        index: z.number().int().min(0).max(PKB_LIMITS.proposalsMax),
        edits: proposalEditsSchema.optional(),
      }),
    )
    .max(PKB_LIMITS.proposalsMax),
});

export const ingestTextInput = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'Paste some text to import')
    .max(PKB_LIMITS.ingestTextMax, `At most ${PKB_LIMITS.ingestTextMax} characters at once`),
  domain: z.enum(CLAIM_DOMAINS).optional(),
});

export const planIdInput = z.object({ planId: id });

export const relevantContextInput = z.object({
  query: z.string().trim().min(1).max(PKB_LIMITS.queryMax),
  conversationId: id.optional(),
  k: z.number().int().min(1).max(50).default(10),
});

/** `pkb.usage.forMessage`: the claims an answer used. */
export const messageUsageInput = z.object({ messageId: id });
export const excludeFromConversationInput = z.object({
  conversationId: id,
  claimId: id,
  excluded: z.boolean(),
});

/** Export format version 1: everything of one user's PKB; `import` takes it back. */
export const pkbExportSchema = z.object({
  format: z.literal('margin-pkb'),
  version: z.literal(1),
  exportedAt: isoDate,
  claims: z
    .array(
      z.object({
        id,
        statement: statementSchema,
        type: z.enum(CLAIM_TYPES),
        domain: z.enum(CLAIM_DOMAINS),
        status: z.enum(CLAIM_STATUSES),
        confidence: z.number().min(0).max(1).nullable(),
        validFrom: isoDate.nullable(),
        validTo: isoDate.nullable(),
        pinned: z.boolean(),
        source: z.enum(CLAIM_SOURCES),
        tags: z.array(tagSchema).max(PKB_LIMITS.tagsPerClaim),
        entities: z.array(entityInputSchema).max(PKB_LIMITS.entitiesPerClaim),
        createdAt: isoDate,
        updatedAt: isoDate,
      }),
    )
    .max(PKB_LIMITS.importMax),
  conflicts: z
    .array(
      z.object({
        status: z.enum(CONFLICT_STATUSES),
        reason: z.string().max(500).nullable(),
        claimIds: z.array(id).min(2).max(20),
        /** Optional for files from before they were exported; then a manual conflict, dated now. */
        origin: z.enum(CONFLICT_ORIGINS).optional(),
        createdAt: isoDate.optional(),
        resolvedAt: isoDate.nullable().optional(),
      }),
    )
    .max(PKB_LIMITS.importMax),
});
export type PkbExport = z.infer<typeof pkbExportSchema>;
export const importPkbInput = z.object({
  data: pkbExportSchema,
  /** `merge` adds to what is there (duplicates skipped); `replace` deletes the user's PKB first. */
  mode: z.enum(['merge', 'replace']).default('merge'),
});

export interface ClaimEntity {
  name: string;
  type: EntityType;
  role: EntityRole;
}

export interface Claim {
  id: string;
  statement: string;
  type: ClaimType;
  domain: ClaimDomain;
  status: ClaimStatus;
  confidence: number | null;
  validFrom: Date | null;
  validTo: Date | null;
  pinned: boolean;
  tags: string[];
  entities: ClaimEntity[];
  source: ClaimSource;
  /** Where a claim from a chat came from. */
  sourceConversationId: string | null;
  sourceMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimList {
  items: Claim[];
  total: number;
  nextCursor: string | null;
}

/** Why a claim was recalled: each signal's rank and raw score, and the fused score. */
export interface RecallWhy {
  fts?: { rank: number; bm25: number };
  embedding?: { rank: number; cosine: number };
  rrf: number;
  /** For context assembly: how the claim got in. */
  via?: MemoryUseVia;
}

export interface ClaimSearchResult {
  claim: Claim;
  score: number;
  why: RecallWhy;
}

export interface BulkCreateResult {
  created: Claim[];
  duplicates: { index: number; existing: Claim; similarity: number }[];
}

export interface EntityWithCount {
  name: string;
  type: EntityType;
  claimCount: number;
}
export interface TagWithCount {
  name: string;
  claimCount: number;
}

export interface Conflict {
  id: string;
  status: 'open' | 'resolved';
  reason: string | null;
  /** `auto` when detected on create/update; `manual` when the user flagged it. */
  origin: 'auto' | 'manual';
  claims: Claim[];
  createdAt: Date;
  resolvedAt: Date | null;
}

export type ProposalAction = 'add' | 'update' | 'skip';

export interface Proposal {
  index: number;
  statement: string;
  type: ClaimType;
  domain: ClaimDomain;
  confidence: number;
  action: ProposalAction;
  reason: string;
  /** The closest existing memory, when one is similar enough to matter. */
  match: { claimId: string; statement: string; similarity: number } | null;
}

export interface Plan {
  planId: string;
  kind: 'chat' | 'ingest';
  conversationId: string | null;
  messageId: string | null;
  proposals: Proposal[];
  createdAt: Date;
  expiresAt: Date;
}

export interface ExecutePlanResult {
  created: number;
  updated: number;
  claimIds: string[];
}

export interface RelevantContext {
  claims: ClaimSearchResult[];
  text: string;
}

/** A claim an answer used, with why it was recalled. */
export interface MessageMemoryUse {
  claim: Claim;
  why: RecallWhy;
}

/** `pkb.settings.update`. */
export const updatePkbSettingsInput = z.object({
  /** Suggest memories after each reply (needs the `fast` model). */
  autoPropose: z.boolean(),
});
export interface PkbSettings {
  autoPropose: boolean;
}

/**
 * What `proposeUpdates` and `ingestText` return. `planId` is null when there is nothing to
 * review (no plan is stored then); `summary` says in a sentence what was found.
 */
export interface ProposalsResult {
  planId: string | null;
  proposals: Proposal[];
  summary: string;
}
