import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Executor } from '../client.js';
import {
  promptVersions,
  prompts,
  type PromptRow,
  type PromptVersionRow,
} from '../schema/organise.js';

type Scope = PromptRow['scope'];

/** The caller's personal prompts and every global prompt, by name (personal first on a tie). */
export function listVisiblePrompts({ db, userId }: { db: Executor; userId: string }): PromptRow[] {
  return db
    .select()
    .from(prompts)
    .where(
      or(
        eq(prompts.scope, 'global'),
        and(eq(prompts.scope, 'personal'), eq(prompts.ownerId, userId)),
      ),
    )
    .orderBy(asc(prompts.name), desc(prompts.scope))
    .all();
}

export function findGlobalPrompt({
  db,
  name,
}: {
  db: Executor;
  name: string;
}): PromptRow | undefined {
  return db
    .select()
    .from(prompts)
    .where(and(eq(prompts.scope, 'global'), eq(prompts.name, name)))
    .get();
}

export function findPersonalPrompt({
  db,
  userId,
  name,
}: {
  db: Executor;
  userId: string;
  name: string;
}): PromptRow | undefined {
  return db
    .select()
    .from(prompts)
    .where(and(eq(prompts.scope, 'personal'), eq(prompts.ownerId, userId), eq(prompts.name, name)))
    .get();
}

/** What `name` means for this user: their personal prompt, else the global one. */
export function findVisiblePrompt({
  db,
  userId,
  name,
  scope,
}: {
  db: Executor;
  userId: string;
  name: string;
  scope?: Scope | undefined;
}): PromptRow | undefined {
  if (scope === 'global') return findGlobalPrompt({ db, name });
  const personal = findPersonalPrompt({ db, userId, name });
  if (personal || scope === 'personal') return personal;
  return findGlobalPrompt({ db, name });
}

export function insertPrompt({
  db,
  prompt,
}: {
  db: Executor;
  prompt: typeof prompts.$inferInsert;
}): PromptRow {
  return db.insert(prompts).values(prompt).returning().get();
}

export function updatePrompt({
  db,
  id,
  changes,
}: {
  db: Executor;
  id: string;
  changes: Partial<
    Pick<PromptRow, 'content' | 'description' | 'category' | 'tags' | 'version' | 'updatedAt'>
  >;
}): PromptRow | undefined {
  return db.update(prompts).set(changes).where(eq(prompts.id, id)).returning().get();
}

/** Removes a prompt and (by cascade) its versions. */
export function deletePrompt({ db, id }: { db: Executor; id: string }): number {
  return db.delete(prompts).where(eq(prompts.id, id)).run().changes;
}

export function insertPromptVersion({
  db,
  version,
}: {
  db: Executor;
  version: typeof promptVersions.$inferInsert;
}): PromptVersionRow {
  return db.insert(promptVersions).values(version).returning().get();
}

/** Earlier versions of a prompt, newest first. */
export function listPromptVersions({
  db,
  promptId,
}: {
  db: Executor;
  promptId: string;
}): PromptVersionRow[] {
  return db
    .select()
    .from(promptVersions)
    .where(eq(promptVersions.promptId, promptId))
    .orderBy(desc(promptVersions.version))
    .all();
}
