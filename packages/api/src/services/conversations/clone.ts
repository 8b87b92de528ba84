/** Cloning a conversation: one transaction, so a failure leaves no half-copied clone behind. */
import { randomUUID } from 'node:crypto';
import {
  batches,
  conversationQueries,
  documentQueries,
  messageQueries,
  type Db,
  type Executor,
} from '@margin/db';
import { CONVERSATION_LIMITS, type Conversation } from '@margin/shared';
import { copyConversationDocumentFiles } from '../documents/service.js';
import { removeDocumentFiles } from '../documents/storage.js';
import { getConversation, requireConversation } from './core.js';

const COPY_SUFFIX = ' (copy)';
/** Rows per INSERT: well under SQLite's bound-variable limit for a message row's columns. */
const INSERT_CHUNK = 500;

export function cloneTitle(title: string): string {
  return `${title.slice(0, CONVERSATION_LIMITS.titleMax - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
}

/**
 * Copies the source conversation's documents (rows, pages, chunks with embeddings; FTS rows follow
 * by trigger) to the clone, inside the clone's transaction. Their files were copied beforehand to
 * the keys in `storageKeys` (source document id → new key). Returns the keys it used.
 */
export function copyConversationAttachments({
  db,
  userId,
  fromConversationId,
  toConversationId,
  storageKeys,
}: {
  db: Executor;
  userId: string;
  fromConversationId: string;
  toConversationId: string;
  storageKeys: ReadonlyMap<string, string>;
}): Set<string> {
  const copied = documentQueries.copyConversationDocuments({
    db,
    userId,
    fromConversationId,
    toConversationId,
    storageKeys,
  });
  return new Set([...copied.keys()].flatMap((id) => storageKeys.get(id) ?? []));
}

/**
 * A copy in the same workspace: title "<title> (copy)", every message (dense positions, edit
 * history included), running summary, memory pad, suggestions and documents. Not copied: the
 * flag and the share link. The clone's activity time is now, so it tops the sidebar.
 */
export async function cloneConversation({
  db,
  userId,
  id,
  filesDir,
}: {
  db: Db;
  userId: string;
  id: string;
  /** Where document files live: the clone's documents get their own copies. */
  filesDir: string;
}): Promise<Conversation> {
  requireConversation({ db, userId, id });
  // Files cannot join the transaction: copy them first, remove the copies the clone did not use.
  const storageKeys = await copyConversationDocumentFiles({
    db,
    filesDir,
    userId,
    conversationId: id,
  });
  let used = new Set<string>();
  try {
    return db.transaction(
      (tx) => {
        const source = requireConversation({ db: tx, userId, id });
        const clone = conversationQueries.insertConversation({
          db: tx,
          conversation: {
            userId,
            workspaceId: source.workspaceId,
            domain: source.domain,
            title: cloneTitle(source.title),
            titleLocked: source.titleLocked,
            stateless: source.stateless,
            summary: source.summary,
            memoryPad: source.memoryPad,
            suggestions: source.suggestions,
            lastActivityAt: new Date(),
          },
        });

        const newIds = new Map<string, string>();
        const rows = messageQueries
          .listAllMessages({ db: tx, conversationId: source.id })
          .map((m, position) => {
            const newId = randomUUID();
            newIds.set(m.id, newId);
            return {
              id: newId,
              conversationId: clone.id,
              userId,
              role: m.role,
              content: m.content,
              hidden: m.hidden,
              position,
              // Nothing writes to the copy of a reply still streaming in the source.
              status: m.status === 'streaming' ? ('interrupted' as const) : m.status,
              model: m.model,
              tldr: m.tldr,
              error: m.error,
              createdAt: m.createdAt,
            };
          });
        for (const chunk of batches(rows, INSERT_CHUNK)) {
          messageQueries.insertMessages({ db: tx, rows: chunk });
        }

        const versions = conversationQueries
          .listConversationMessageVersions({ db: tx, conversationId: source.id })
          .flatMap((v) => {
            const messageId = newIds.get(v.messageId);
            return messageId === undefined
              ? []
              : [{ messageId, version: v.version, content: v.content, createdAt: v.createdAt }];
          });
        for (const chunk of batches(versions, INSERT_CHUNK)) {
          conversationQueries.insertMessageVersions({ db: tx, rows: chunk });
        }

        used = copyConversationAttachments({
          db: tx,
          userId,
          fromConversationId: source.id,
          toConversationId: clone.id,
          storageKeys,
        });
        return getConversation({ db: tx, userId, id: clone.id });
      },
      { behavior: 'immediate' },
    );
  } finally {
    removeDocumentFiles(
      filesDir,
      [...storageKeys.values()].filter((key) => !used.has(key)),
    );
  }
}
