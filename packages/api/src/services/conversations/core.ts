/**
 * Conversations: create, read, and the small per-conversation settings. Every function takes the
 * caller's id; another user's conversation behaves exactly like a missing one (NOT_FOUND).
 * Touching settings does not bump lastActivityAt: only new messages do (the chat service).
 */
import {
  conversationQueries,
  documentQueries,
  type ConversationRow,
  type Db,
  type Executor,
} from '@margin/db';
import type { Color, Conversation, CreateConversationInput } from '@margin/shared';
import { ensureDefaultWorkspace, requireWorkspace } from '../workspaces.js';
import { TRPCError } from '@trpc/server';
import { sweepOrphanAudioFiles } from '../audio/storage.js';
import { removeDocumentFiles } from '../documents/storage.js';
import { conversationNotFound, toConversation } from './views.js';

/** The caller's conversation row, or NOT_FOUND. */
export function requireConversation({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): ConversationRow {
  const row = conversationQueries.findConversation({ db, id, userId });
  if (!row) throw conversationNotFound();
  return row;
}

export function getConversation({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): Conversation {
  const found = conversationQueries.findConversationWithWorkspace({ db, id, userId });
  if (!found) throw conversationNotFound();
  return toConversation(found);
}

export function createConversation({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: CreateConversationInput;
}): Conversation {
  return db.transaction(
    (tx) => {
      let workspaceId: string;
      if (input.workspaceId === undefined) {
        workspaceId = ensureDefaultWorkspace({ db: tx, userId, domain: input.domain }).id;
      } else {
        const ws = requireWorkspace({ db: tx, userId, id: input.workspaceId });
        if (ws.domain !== input.domain) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'That workspace belongs to another tab (domain); pick one of this tab.',
          });
        }
        workspaceId = ws.id;
      }
      const row = conversationQueries.insertConversation({
        db: tx,
        conversation: {
          userId,
          workspaceId,
          domain: input.domain,
          stateless: input.stateless ?? false,
          lastActivityAt: new Date(),
        },
      });
      return getConversation({ db: tx, userId, id: row.id });
    },
    { behavior: 'immediate' },
  );
}

/** Applies one single-row change to the caller's conversation and returns the result. */
function change({
  db,
  userId,
  id,
  changes,
}: {
  db: Executor;
  userId: string;
  id: string;
  changes: Parameters<typeof conversationQueries.updateConversation>[0]['changes'];
}): Conversation {
  const row = conversationQueries.updateConversation({ db, id, userId, changes });
  if (!row) throw conversationNotFound();
  return getConversation({ db, userId, id });
}

/** A manual rename also locks the title against automatic titling. */
export function renameConversation(args: {
  db: Executor;
  userId: string;
  id: string;
  title: string;
}): Conversation {
  return change({ ...args, changes: { title: args.title, titleLocked: true } });
}

export function setConversationFlag(args: {
  db: Executor;
  userId: string;
  id: string;
  flag: Color | null;
}): Conversation {
  return change({ ...args, changes: { flag: args.flag } });
}

export function setConversationStateless(args: {
  db: Executor;
  userId: string;
  id: string;
  stateless: boolean;
}): Conversation {
  return change({ ...args, changes: { stateless: args.stateless } });
}

export function getMemoryPad(args: { db: Executor; userId: string; id: string }): {
  text: string;
} {
  return { text: requireConversation(args).memoryPad };
}

export function setMemoryPad(args: { db: Executor; userId: string; id: string; text: string }): {
  text: string;
} {
  const row = conversationQueries.updateConversation({
    db: args.db,
    id: args.id,
    userId: args.userId,
    changes: { memoryPad: args.text },
  });
  if (!row) throw conversationNotFound();
  return { text: row.memoryPad };
}

/** Next-question suggestions stored by the last turn (never anything but strings). */
export function getSuggestions(args: { db: Executor; userId: string; id: string }): string[] {
  const stored: unknown = requireConversation(args).suggestions;
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * Deletes conversations of `userId`. Messages, their versions, section states and documents (with
 * pages, chunks and FTS rows) go with them through ON DELETE CASCADE. The storage keys of their
 * document files are appended to `removedFiles`: the caller removes those files once its
 * transaction has committed (`removeDocumentFiles`), so every deletion path (explicit and
 * temporary-chat clean-up) shares it.
 */
export function deleteConversationsOfUser({
  db,
  userId,
  ids,
  removedFiles,
}: {
  db: Executor;
  userId: string;
  ids: string[];
  removedFiles: string[];
}): number {
  removedFiles.push(
    ...documentQueries.listConversationStorageKeys({ db, userId, conversationIds: ids }),
  );
  return conversationQueries.deleteConversations({ db, userId, ids });
}

export function deleteConversation({
  db,
  userId,
  id,
  filesDir,
}: {
  db: Db;
  userId: string;
  id: string;
  filesDir: string;
}): {
  ok: true;
} {
  const removedFiles: string[] = [];
  const removed = db.transaction(
    (tx) => deleteConversationsOfUser({ db: tx, userId, ids: [id], removedFiles }),
    { behavior: 'immediate' },
  );
  if (removed === 0) throw conversationNotFound();
  removeDocumentFiles(filesDir, removedFiles);
  // Audio clips went with the messages (cascade); their files are now orphans.
  sweepOrphanAudioFiles({ db, filesDir });
  return { ok: true };
}
