/**
 * Importing an account export into the signed-in account. It only adds: nothing the account has
 * is changed or deleted, apart from filling an empty profile field. Steps:
 *
 * 1. Read and check the whole file (`import-check.ts`); a bad file writes nothing.
 * 2. Write the documents' bytes under new storage keys (file writes cannot be rolled back, so
 *    they come first and are removed again if the transaction fails).
 * 3. One transaction: workspaces, memory, prompts, profile, conversations.
 * 4. Start the documents' indexing jobs, and embed the new memories.
 *
 * Importing the same file twice adds nothing the second time: the account remembers which
 * conversation and workspace each file id became (`import-ids.ts`); memories and prompts are
 * matched by content.
 */
import {
  accountQueries,
  promptQueries,
  profileQueries,
  workspaceQueries,
  type Executor,
} from '@margin/db';
import {
  PROFILE_LIMITS,
  PROMPT_DYNAMIC_NAMES,
  PROMPT_LIMITS,
  type AccountExport,
  type AccountImportResult,
} from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { AppServices } from '../../trpc.js';
import { startDocumentJob } from '../documents/service.js';
import { newStorageKey, removeDocumentFiles, writeDocumentFile } from '../documents/storage.js';
import { afterPkbImport, importPkbRows } from '../pkb/export.js';
import { ensureDefaultWorkspace } from '../workspaces.js';
import { importConversations } from './import-conversations.js';
import { decodeDocuments, orderParentsFirst, parseAccountExport } from './import-check.js';
import { planIds } from './import-ids.js';

/** Accounts with an import under way: a second one at the same time would race the first. */
const importing = new Set<string>();

export async function importAccount({
  services,
  userId,
  text,
}: {
  services: AppServices;
  userId: string;
  text: string;
}): Promise<AccountImportResult> {
  if (importing.has(userId))
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'An import into your account is already running. Wait for it to finish.',
    });
  importing.add(userId);
  try {
    return await runImport({ services, userId, data: parseAccountExport(text) });
  } finally {
    importing.delete(userId);
  }
}

async function runImport({
  services,
  userId,
  data,
}: {
  services: AppServices;
  userId: string;
  data: AccountExport;
}): Promise<AccountImportResult> {
  const { db, config } = services;
  const { filesDir, maxBytes } = config.documents;
  // Bytes only for conversations this account does not have yet.
  const { existing } = planIds({
    db,
    userId,
    kind: 'conversation',
    fileIds: data.conversations.map((c) => c.id),
  });
  const decoded = decodeDocuments(
    data.conversations.filter((c) => !existing.has(c.id)),
    maxBytes,
  );
  const storageKeys = new Map<string, string>();
  let outcome: ReturnType<typeof writeAll>;
  try {
    for (const d of decoded) {
      if (d.bytes === null) continue;
      const key = newStorageKey();
      storageKeys.set(d.id, key);
      await writeDocumentFile(filesDir, key, d.bytes);
    }
    outcome = db.transaction(
      (tx) =>
        writeAll({
          tx,
          userId,
          data,
          decoded: new Map(decoded.map((d) => [d.id, d])),
          storageKeys,
          canFetchUrls: config.urlUploadEnabled,
        }),
      { behavior: 'immediate' },
    );
  } catch (err) {
    removeDocumentFiles(filesDir, storageKeys.values());
    throw err;
  }
  removeDocumentFiles(filesDir, outcome.conversations.unusedKeys);
  for (const q of outcome.conversations.queued)
    startDocumentJob(
      services,
      { id: q.documentId, userId, conversationId: q.conversationId },
      q.jobId,
    );
  await afterPkbImport({ services, userId });
  const c = outcome.conversations;
  return {
    workspaces: outcome.workspaces,
    conversations: { created: c.created, existing: c.existing },
    messages: c.messages,
    doubts: c.doubts,
    documents: { created: c.documents, reindexing: c.queued.length },
    prompts: outcome.prompts,
    memory: { created: outcome.memory.created, skipped: outcome.memory.skipped },
    profileUpdated: outcome.profileUpdated,
  };
}

function writeAll(args: {
  tx: Executor;
  userId: string;
  data: AccountExport;
  decoded: Map<string, ReturnType<typeof decodeDocuments>[number]>;
  storageKeys: Map<string, string>;
  canFetchUrls: boolean;
}) {
  const { tx, userId, data } = args;
  const workspaces = importWorkspaces(tx, userId, data.workspaces);
  const memory = importPkbRows({ db: tx, userId, data: data.memory, mode: 'merge' });
  const prompts = importPrompts(tx, userId, data.prompts);
  const profileUpdated = importProfile(tx, userId, data.profile);
  const conversations = importConversations({
    ...args,
    workspaceIds: workspaces.ids,
    claimIds: memory.claimIds,
  });
  return {
    workspaces: { created: workspaces.created, existing: workspaces.existing },
    memory: memory.result,
    prompts,
    profileUpdated,
    conversations,
  };
}

/**
 * Each domain's default workspace maps onto the account's own; another workspace the account
 * already has is reused; the rest are added after the account's own, keeping their nesting and
 * the file's order among siblings (into an empty account: the file's positions).
 */
function importWorkspaces(tx: Executor, userId: string, list: AccountExport['workspaces']) {
  const plan = planIds({ db: tx, userId, kind: 'workspace', fileIds: list.map((w) => w.id) });
  const ids = new Map<string, string>();
  // Every account has its own "General": not something the file added or found. Mapped first,
  // so the folders placed after it count it among their siblings.
  for (const w of list)
    if (w.isDefault) ids.set(w.id, ensureDefaultWorkspace({ db: tx, userId, domain: w.domain }).id);
  const others = list.filter((w) => !w.isDefault);
  const rank = siblingRanks(others);
  /** Where each sibling group of this account continues, read before the group's first insert. */
  const groupStart = new Map<string, number>();
  const recorded: { sourceId: string; localId: string }[] = [];
  let existing = 0;
  for (const w of orderParentsFirst(others, 'workspace')) {
    const mine = plan.existing.get(w.id);
    if (mine !== undefined) {
      ids.set(w.id, mine);
      existing++;
      continue;
    }
    const id = plan.newId(w.id);
    const parentId = w.parentId === null ? null : (ids.get(w.parentId) ?? null);
    const group = `${w.domain}/${parentId ?? ''}`;
    const start =
      groupStart.get(group) ??
      workspaceQueries.nextSiblingPosition({ db: tx, userId, domain: w.domain, parentId });
    groupStart.set(group, start);
    workspaceQueries.insertWorkspace({
      db: tx,
      workspace: {
        id,
        userId,
        domain: w.domain,
        name: w.name,
        color: w.color,
        parentId,
        expanded: w.expanded,
        isDefault: false,
        position: start + (rank.get(w.id) ?? 0),
        systemPrompt: w.systemPrompt,
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
      },
    });
    ids.set(w.id, id);
    recorded.push({ sourceId: w.id, localId: id });
  }
  accountQueries.recordImportedIds({ db: tx, userId, kind: 'workspace', rows: recorded });
  return { ids, created: recorded.length, existing };
}

/** Each workspace's place (0, 1, …) among its siblings in the file, by position. */
function siblingRanks(list: AccountExport['workspaces']): Map<string, number> {
  const groups = new Map<string, AccountExport['workspaces']>();
  for (const w of list) {
    const key = `${w.domain}/${w.parentId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const rank = new Map<string, number>();
  for (const group of groups.values())
    [...group].sort((a, b) => a.position - b.position).forEach((w, i) => rank.set(w.id, i));
  return rank;
}

/** A name this account cannot use for the file's prompt: taken by different content, or reserved. */
function freeName(tx: Executor, userId: string, name: string): string {
  for (let n = 2; ; n++) {
    const suffix = `_${String(n)}`;
    const candidate = `${name.slice(0, PROMPT_LIMITS.nameMax - suffix.length)}${suffix}`;
    if (!promptQueries.findPersonalPrompt({ db: tx, userId, name: candidate })) return candidate;
  }
}

function importPrompts(tx: Executor, userId: string, list: AccountExport['prompts']) {
  const reserved = new Set<string>(PROMPT_DYNAMIC_NAMES);
  let created = 0;
  let renamed = 0;
  let existing = 0;
  for (const p of list) {
    const same = promptQueries.findPersonalPrompt({ db: tx, userId, name: p.name });
    if (same?.content === p.content) {
      existing++;
      continue;
    }
    const name = same || reserved.has(p.name) ? freeName(tx, userId, p.name) : p.name;
    if (name !== p.name) renamed++;
    const row = promptQueries.insertPrompt({
      db: tx,
      prompt: {
        name,
        scope: 'personal',
        ownerId: userId,
        content: p.content,
        description: p.description,
        category: p.category,
        tags: p.tags,
        version: p.version,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      },
    });
    for (const v of p.versions)
      promptQueries.insertPromptVersion({ db: tx, version: { promptId: row.id, ...v } });
    created++;
  }
  return { created, renamed, existing };
}

/** Fills empty profile fields; appends the file's text to different text when it fits. */
function importProfile(tx: Executor, userId: string, profile: AccountExport['profile']): boolean {
  const current = profileQueries.findProfile({ db: tx, userId });
  const merged = (mine: string, theirs: string): string | undefined => {
    const t = theirs.trim();
    if (t === '' || mine.includes(t)) return undefined;
    const next = mine.trim() === '' ? theirs : `${mine.trimEnd()}\n\n${t}`;
    return next.length <= PROFILE_LIMITS.fieldMax ? next : undefined;
  };
  const changes = {
    memory: merged(current?.memory ?? '', profile.memory),
    preferences: merged(current?.preferences ?? '', profile.preferences),
  };
  if (changes.memory === undefined && changes.preferences === undefined) return false;
  profileQueries.upsertProfile({ db: tx, userId, changes, at: new Date() });
  return true;
}
