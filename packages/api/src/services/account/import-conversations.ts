/**
 * The conversation part of an account import, inside the import's transaction: conversations,
 * messages (positions made dense again) with their versions and memory uses, hidden sections,
 * doubts, documents and memory pins. Ids are kept when free; an id someone else has gets a new
 * one. Conversations this account already has (`import-ids.ts`) are skipped whole.
 */
import {
  accountQueries,
  conversationQueries,
  documentQueries,
  messageQueries,
  type Executor,
} from '@margin/db';
import type { AccountExport, AccountExportConversation } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { newStorageKey } from '../documents/storage.js';
import type { DecodedDocument } from './import-check.js';
import { orderParentsFirst } from './import-check.js';
import { planIds } from './import-ids.js';

export interface ConversationImportArgs {
  tx: Executor;
  userId: string;
  data: AccountExport;
  /** File workspace id → the account's workspace id. */
  workspaceIds: ReadonlyMap<string, string>;
  /** File claim id → the account's claim id. */
  claimIds: ReadonlyMap<string, string>;
  decoded: ReadonlyMap<string, DecodedDocument>;
  /** File document id → the key its bytes were written under (documents with bytes only). */
  storageKeys: ReadonlyMap<string, string>;
  /** Whether a document known only by its address may be fetched on this server. */
  canFetchUrls: boolean;
}

export interface QueuedDocument {
  documentId: string;
  conversationId: string;
  jobId: string;
}

export interface ConversationImportOutcome {
  created: number;
  existing: number;
  messages: number;
  doubts: number;
  documents: number;
  queued: QueuedDocument[];
  /** Storage keys written for documents that were not inserted (their conversation existed). */
  unusedKeys: string[];
}

/** `id` when no row has it, else a new one (another account, or a clash inside this import). */
function idChooser(tx: Executor, table: 'messages' | 'doubts' | 'documents', ids: string[]) {
  const taken = accountQueries.findIdOwners({ db: tx, table, ids });
  return (id: string) => (taken.has(id) ? randomUUID() : id);
}

export function importConversations(args: ConversationImportArgs): ConversationImportOutcome {
  const { tx, userId, data } = args;
  const plan = planIds({
    db: tx,
    userId,
    kind: 'conversation',
    fileIds: data.conversations.map((c) => c.id),
  });
  const outcome: ConversationImportOutcome = {
    created: 0,
    existing: 0,
    messages: 0,
    doubts: 0,
    documents: 0,
    queued: [],
    unusedKeys: [],
  };
  const fresh: AccountExportConversation[] = [];
  for (const c of data.conversations) {
    if (plan.existing.has(c.id)) {
      outcome.existing++;
      for (const d of c.documents) {
        const key = args.storageKeys.get(d.id);
        if (key !== undefined) outcome.unusedKeys.push(key);
      }
    } else fresh.push(c);
  }
  const messageId = idChooser(
    tx,
    'messages',
    fresh.flatMap((c) => c.messages.map((m) => m.id)),
  );
  const doubtId = idChooser(
    tx,
    'doubts',
    fresh.flatMap((c) => c.doubts.map((d) => d.id)),
  );
  const documentId = idChooser(
    tx,
    'documents',
    fresh.flatMap((c) => c.documents.map((d) => d.id)),
  );
  const created: { sourceId: string; localId: string }[] = [];
  for (const c of fresh) {
    const id = plan.newId(c.id);
    importOne({ ...args, c, id, messageId, doubtId, documentId, outcome });
    created.push({ sourceId: c.id, localId: id });
    outcome.created++;
  }
  accountQueries.recordImportedIds({ db: tx, userId, kind: 'conversation', rows: created });
  return outcome;
}

function importOne(
  args: ConversationImportArgs & {
    c: AccountExportConversation;
    id: string;
    messageId: (id: string) => string;
    doubtId: (id: string) => string;
    documentId: (id: string) => string;
    outcome: ConversationImportOutcome;
  },
): void {
  const { tx, userId, c, id: conversationId, outcome } = args;
  const workspaceId = args.workspaceIds.get(c.workspaceId);
  if (workspaceId === undefined) throw new Error(`No workspace mapped for ${c.workspaceId}`);
  conversationQueries.insertConversation({
    db: tx,
    conversation: {
      id: conversationId,
      userId,
      workspaceId,
      domain: c.domain,
      title: c.title || 'New conversation',
      titleLocked: c.titleLocked,
      flag: c.flag,
      summary: c.summary,
      memoryPad: c.memoryPad,
      suggestions: c.suggestions,
      lastActivityAt: c.lastActivityAt,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
  });

  const messageIds = new Map<string, string>();
  const ordered = [...c.messages].sort((a, b) => a.position - b.position);
  messageQueries.insertMessages({
    db: tx,
    rows: ordered.map((m, position) => {
      const id = args.messageId(m.id);
      messageIds.set(m.id, id);
      return {
        id,
        conversationId,
        userId,
        role: m.role,
        content: m.content,
        hidden: m.hidden,
        position,
        // Nothing is generating this reply here.
        status: m.status === 'streaming' ? 'interrupted' : m.status,
        model: m.model,
        tldr: m.tldr,
        error: m.error,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      };
    }),
  });
  outcome.messages += ordered.length;
  conversationQueries.insertMessageVersions({
    db: tx,
    rows: ordered.flatMap((m) =>
      m.versions.map((v) => ({
        messageId: messageIds.get(m.id) ?? m.id,
        version: v.version,
        content: v.content,
        createdAt: v.createdAt,
      })),
    ),
  });
  accountQueries.insertClaimUses({
    db: tx,
    rows: ordered.flatMap((m) =>
      m.memoryUses.flatMap((u) => {
        const claimId = args.claimIds.get(u.claimId);
        const mid = messageIds.get(m.id);
        return claimId === undefined || mid === undefined
          ? []
          : [{ messageId: mid, claimId, via: u.via, why: u.why, position: u.position }];
      }),
    ),
  });
  accountQueries.insertHiddenSections({
    db: tx,
    conversationId,
    sectionIds: c.hiddenSections,
    at: c.updatedAt,
  });
  accountQueries.insertConversationClaimModes({
    db: tx,
    rows: c.memoryPins.flatMap((p) => {
      const claimId = args.claimIds.get(p.claimId);
      return claimId === undefined ? [] : [{ conversationId, claimId, userId, mode: p.mode }];
    }),
  });

  const doubtIds = new Map<string, string>();
  const doubts = orderParentsFirst(c.doubts, 'doubt').map((d) => {
    const id = args.doubtId(d.id);
    doubtIds.set(d.id, id);
    return {
      id,
      conversationId,
      userId,
      messageId: messageIds.get(d.messageId) ?? d.messageId,
      parentId: d.parentId === null ? null : (doubtIds.get(d.parentId) ?? null),
      question: d.question,
      answer: d.answer,
      status: d.status === 'streaming' ? ('interrupted' as const) : d.status,
      error: d.error,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  });
  accountQueries.insertDoubts({ db: tx, rows: doubts });
  outcome.doubts += doubts.length;

  importDocuments({ ...args, conversationId });
}

function importDocuments(
  args: ConversationImportArgs & {
    c: AccountExportConversation;
    conversationId: string;
    documentId: (id: string) => string;
    outcome: ConversationImportOutcome;
  },
): void {
  const { tx, userId, c, conversationId, outcome } = args;
  const ordered = [...c.documents].sort((a, b) => a.ordinal - b.ordinal);
  ordered.forEach((d, i) => {
    const decoded = args.decoded.get(d.id);
    if (!decoded) throw new Error(`Document ${d.id} was not decoded`);
    const storageKey = args.storageKeys.get(d.id);
    const fetchable = decoded.bytes === null && d.sourceUrl !== null && args.canFetchUrls;
    const queued = storageKey !== undefined || fetchable;
    const jobId = randomUUID();
    const id = args.documentId(d.id);
    documentQueries.insertDocument({
      db: tx,
      document: {
        id,
        conversationId,
        userId,
        ordinal: i + 1,
        kind: decoded.kind,
        title: d.title || decoded.filename,
        filename: decoded.filename,
        mimeType: decoded.mimeType,
        size: decoded.bytes?.byteLength ?? 0,
        sha256: decoded.sha256,
        sourceUrl: d.sourceUrl,
        storageKey: storageKey ?? newStorageKey(),
        status: queued ? 'queued' : 'failed',
        error: queued
          ? null
          : d.sourceUrl === null
            ? 'The export had no file for this document. Upload it again.'
            : 'This server does not fetch web addresses, and the export had no copy of the page.',
        jobId: queued ? jobId : null,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      },
    });
    outcome.documents++;
    if (queued) outcome.queued.push({ documentId: id, conversationId, jobId });
  });
}
