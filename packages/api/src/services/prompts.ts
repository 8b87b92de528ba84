/**
 * Prompt library: global prompts (administrators) and personal ones. A personal prompt shadows a
 * global prompt of the same name for its owner. Reads compose (see prompts-compose.ts); updates
 * keep every earlier version.
 */
import { TRPCError } from '@trpc/server';
import { promptQueries, type Executor, type PromptRow } from '@margin/db';
import type {
  CreatePromptInput,
  PromptDetail,
  PromptScope,
  PromptSummary,
  PromptVersion,
  UpdatePromptInput,
} from '@margin/shared';
import { composePrompt, type PromptLookup } from './prompts-compose.js';

export { composePrompt, dynamicPromptValues, type PromptLookup } from './prompts-compose.js';
export { GLOBAL_PROMPT_SEEDS, seedGlobalPrompts, type PromptSeed } from './prompts-seed.js';

/** Who is asking: only the id and role matter here. */
export interface PromptActor {
  id: string;
  role: 'admin' | 'user';
}

const immediate = { behavior: 'immediate' } as const;

const notFound = (name: string) =>
  new TRPCError({
    code: 'NOT_FOUND',
    message: `There is no prompt named "${name}". Check the name in the prompt library.`,
  });

const canEdit = (actor: PromptActor, row: PromptRow) =>
  row.scope === 'personal' ? row.ownerId === actor.id : actor.role === 'admin';

function assertCanEdit(actor: PromptActor, row: PromptRow, verb: string): void {
  if (!canEdit(actor, row)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Only administrators can ${verb} global prompts. Create a personal prompt under another name instead.`,
    });
  }
}

/** The prompts `userId` sees by name: personal first, then global. */
export function visiblePromptLookup({
  db,
  userId,
}: {
  db: Executor;
  userId: string;
}): PromptLookup {
  return (name) => promptQueries.findVisiblePrompt({ db, userId, name })?.content;
}

function globalPromptLookup(db: Executor): PromptLookup {
  return (name) => promptQueries.findGlobalPrompt({ db, name })?.content;
}

/** The lookup a prompt's own includes resolve against: its owner's view, or globals only. */
function lookupFor(db: Executor, scope: PromptScope, userId: string): PromptLookup {
  return scope === 'global' ? globalPromptLookup(db) : visiblePromptLookup({ db, userId });
}

/** `base`, except that `name` reads as `content` (a prompt about to be saved, or a chosen scope). */
const overlay =
  (base: PromptLookup, name: string, content: string): PromptLookup =>
  (n) =>
    n === name ? content : base(n);

/**
 * The composed text of a prompt as `userId` sees it (personal shadows global), filled at `now`.
 * For the chat engine: prompt names picked as system-prompt fragments.
 */
export function composePromptForUser({
  db,
  userId,
  name,
  now = new Date(),
  timeZone,
}: {
  db: Executor;
  userId: string;
  name: string;
  now?: Date;
  timeZone?: string | undefined;
}): string {
  return composePrompt({ name, lookup: visiblePromptLookup({ db, userId }), now, timeZone });
}

function findTarget(
  db: Executor,
  actor: PromptActor,
  name: string,
  scope: PromptScope | undefined,
): PromptRow {
  const row = promptQueries.findVisiblePrompt({ db, userId: actor.id, name, scope });
  if (!row) throw notFound(name);
  return row;
}

function toDetail(row: PromptRow, actor: PromptActor, content: string): PromptDetail {
  return {
    name: row.name,
    content,
    rawContent: row.content,
    description: row.description,
    category: row.category,
    tags: row.tags,
    version: row.version,
    scope: row.scope,
    editable: canEdit(actor, row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Composes `row` (its own text even when another scope shadows the name) with its includes read
 * from `base`: by default what `actor` sees.
 */
function composeRow(
  db: Executor,
  actor: PromptActor,
  row: PromptRow,
  now: Date,
  base: PromptLookup = visiblePromptLookup({ db, userId: actor.id }),
): string {
  return composePrompt({ name: row.name, lookup: overlay(base, row.name, row.content), now });
}

/** Throws BAD_REQUEST when saving `content` under `name` would make includes cycle (or explode). */
function assertComposable(
  db: Executor,
  actor: PromptActor,
  scope: PromptScope,
  name: string,
  content: string,
): void {
  composePrompt({
    name,
    lookup: overlay(lookupFor(db, scope, actor.id), name, content),
    now: new Date(),
  });
}

export function listPrompts({ db, actor }: { db: Executor; actor: PromptActor }): PromptSummary[] {
  const rows = promptQueries.listVisiblePrompts({ db, userId: actor.id });
  const personal = new Set(rows.filter((r) => r.scope === 'personal').map((r) => r.name));
  return rows.map((r) => ({
    name: r.name,
    description: r.description,
    category: r.category,
    tags: r.tags,
    version: r.version,
    scope: r.scope,
    editable: canEdit(actor, r),
    shadowed: r.scope === 'global' && personal.has(r.name),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export function getPrompt({
  db,
  actor,
  name,
  scope,
  compose = true,
  now = new Date(),
}: {
  db: Executor;
  actor: PromptActor;
  name: string;
  scope?: PromptScope | undefined;
  /** False: `content` is the raw text (to open a prompt whose includes are broken, and fix it). */
  compose?: boolean | undefined;
  now?: Date;
}): PromptDetail {
  const row = findTarget(db, actor, name, scope);
  return toDetail(row, actor, compose ? composeRow(db, actor, row, now) : row.content);
}

export function createPrompt({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Executor;
  actor: PromptActor;
  input: CreatePromptInput;
  now?: Date;
}): PromptDetail {
  const scope = input.scope ?? 'personal';
  if (scope === 'global' && actor.role !== 'admin') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message:
        'Only administrators can create global prompts. Leave scope out to create a personal one.',
    });
  }
  const row = db.transaction((tx) => {
    if (
      scope === 'personal' &&
      promptQueries.findPersonalPrompt({ db: tx, userId: actor.id, name: input.name })
    ) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `You already have a prompt named "${input.name}". Update it or pick another name.`,
      });
    }
    if (promptQueries.findGlobalPrompt({ db: tx, name: input.name })) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `A global prompt is already named "${input.name}". Pick another name.`,
      });
    }
    assertComposable(tx, actor, scope, input.name, input.content);
    return promptQueries.insertPrompt({
      db: tx,
      prompt: {
        name: input.name,
        scope,
        ownerId: scope === 'personal' ? actor.id : null,
        content: input.content,
        description: input.description ?? '',
        category: input.category ?? '',
        tags: input.tags ?? [],
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
    });
  }, immediate);
  return toDetail(row, actor, composeRow(db, actor, row, now, lookupFor(db, scope, actor.id)));
}

const sameTags = (a: string[], b: string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Changes the given fields; the previous version goes to the history and `version` goes up. */
export function updatePrompt({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Executor;
  actor: PromptActor;
  input: UpdatePromptInput;
  now?: Date;
}): PromptDetail {
  const row = db.transaction((tx) => {
    const current = findTarget(tx, actor, input.name, input.scope);
    assertCanEdit(actor, current, 'change');
    const next = {
      content: input.content ?? current.content,
      description: input.description ?? current.description,
      category: input.category ?? current.category,
      tags: input.tags ?? current.tags,
    };
    const unchanged =
      next.content === current.content &&
      next.description === current.description &&
      next.category === current.category &&
      sameTags(next.tags, current.tags);
    if (unchanged) return current;
    // Checked even when only metadata changes, so the answer below can always be composed.
    assertComposable(tx, actor, current.scope, current.name, next.content);
    promptQueries.insertPromptVersion({
      db: tx,
      version: {
        promptId: current.id,
        version: current.version,
        content: current.content,
        description: current.description,
        category: current.category,
        tags: current.tags,
        // When that version was written.
        createdAt: current.updatedAt,
      },
    });
    const updated = promptQueries.updatePrompt({
      db: tx,
      id: current.id,
      changes: { ...next, version: current.version + 1, updatedAt: now },
    });
    if (!updated) throw notFound(input.name);
    return updated;
  }, immediate);
  return toDetail(row, actor, composeRow(db, actor, row, now, lookupFor(db, row.scope, actor.id)));
}

export function deletePrompt({
  db,
  actor,
  name,
  scope,
}: {
  db: Executor;
  actor: PromptActor;
  name: string;
  scope?: PromptScope | undefined;
}): { ok: true } {
  return db.transaction((tx) => {
    const row = findTarget(tx, actor, name, scope);
    assertCanEdit(actor, row, 'delete');
    promptQueries.deletePrompt({ db: tx, id: row.id });
    return { ok: true as const };
  }, immediate);
}

/** Newest first; the first entry is the current version (`current: true`). */
export function promptVersions({
  db,
  actor,
  name,
  scope,
}: {
  db: Executor;
  actor: PromptActor;
  name: string;
  scope?: PromptScope | undefined;
}): PromptVersion[] {
  const row = findTarget(db, actor, name, scope);
  const current: PromptVersion = {
    version: row.version,
    content: row.content,
    description: row.description,
    category: row.category,
    tags: row.tags,
    createdAt: row.updatedAt,
    current: true,
  };
  return [
    current,
    ...promptQueries.listPromptVersions({ db, promptId: row.id }).map((v) => ({
      version: v.version,
      content: v.content,
      description: v.description,
      category: v.category,
      tags: v.tags,
      createdAt: v.createdAt,
      current: false,
    })),
  ];
}
