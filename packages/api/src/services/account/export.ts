/**
 * The whole-account export (`margin-account` v1), written as a stream of JSON text: small parts
 * first, then one conversation at a time with its documents' bytes as base64, so the server never
 * holds more than one conversation (and one file) in memory. Each conversation is read in one
 * synchronous pass, so it is consistent in itself; a reply finishing during a long export may be
 * caught in a later state than the conversations before it.
 */
import {
  accountQueries,
  conversationQueries,
  documentQueries,
  messageQueries,
  profileQueries,
  type ConversationRow,
  type Executor,
} from '@margin/db';
import {
  ACCOUNT_EXPORT_FORMAT,
  type AccountExport,
  type AccountExportConversation,
  type AccountSummary,
} from '@margin/shared';
import type { AppServices } from '../../trpc.js';
import { readDocumentFile } from '../documents/storage.js';
import { exportPkb } from '../pkb/export.js';

type ExportedDocument = AccountExportConversation['documents'][number];

/** A reply or doubt still being written when the export ran is, for the file, interrupted. */
function settled<S extends string>(status: S | 'streaming'): S | 'interrupted' {
  return status === 'streaming' ? 'interrupted' : status;
}

function exportConversation(db: Executor, c: ConversationRow): AccountExportConversation {
  const conversationId = c.id;
  const versions = conversationQueries.listConversationMessageVersions({ db, conversationId });
  const uses = accountQueries.listConversationClaimUses({ db, conversationId });
  const messages = messageQueries.listAllMessages({ db, conversationId }).map((m) => ({
    id: m.id,
    role: m.role,
    content: m.content,
    hidden: m.hidden,
    position: m.position,
    status: settled(m.status),
    model: m.model,
    tldr: m.tldr,
    error: m.error,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    versions: versions
      .filter((v) => v.messageId === m.id)
      .map((v) => ({ version: v.version, content: v.content, createdAt: v.createdAt })),
    memoryUses: uses
      .filter((u) => u.messageId === m.id)
      .map((u) => ({ claimId: u.claimId, via: u.via, why: u.why, position: u.position })),
  }));
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    domain: c.domain as AccountExportConversation['domain'],
    title: c.title,
    titleLocked: c.titleLocked,
    flag: c.flag as AccountExportConversation['flag'],
    summary: c.summary,
    memoryPad: c.memoryPad,
    suggestions: c.suggestions,
    lastActivityAt: c.lastActivityAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    messages,
    hiddenSections: accountQueries.listHiddenSectionIds({ db, conversationId }),
    doubts: accountQueries.listConversationDoubts({ db, conversationId }).map((d) => ({
      id: d.id,
      messageId: d.messageId,
      parentId: d.parentId,
      question: d.question,
      answer: d.answer,
      status: settled(d.status),
      error: d.error,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    })),
    documents: [],
    memoryPins: accountQueries.listConversationClaimModes({ db, conversationId }),
  };
}

/** The file's bytes as base64, or null when the document has none (a URL not fetched yet). */
async function documentContent(filesDir: string, storageKey: string): Promise<string | null> {
  try {
    return (await readDocumentFile(filesDir, storageKey)).toString('base64');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Everything but the conversations, which `streamAccountExport` writes one by one. */
function exportHead({
  services,
  user,
}: {
  services: AppServices;
  user: { id: string; name: string; email: string };
}): Omit<AccountExport, 'conversations'> {
  const { db } = services;
  const userId = user.id;
  const profile = profileQueries.findProfile({ db, userId });
  const promptVersions = accountQueries.listPersonalPromptVersions({ db, userId });
  return {
    format: ACCOUNT_EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date(),
    account: { name: user.name, email: user.email },
    profile: { memory: profile?.memory ?? '', preferences: profile?.preferences ?? '' },
    workspaces: accountQueries.listUserWorkspaces({ db, userId }).map((w) => ({
      id: w.id,
      domain: w.domain as AccountExport['workspaces'][number]['domain'],
      name: w.name,
      color: w.color as AccountExport['workspaces'][number]['color'],
      parentId: w.parentId,
      expanded: w.expanded,
      isDefault: w.isDefault,
      position: w.position,
      systemPrompt: w.systemPrompt,
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
    })),
    prompts: accountQueries.listPersonalPrompts({ db, userId }).map((p) => ({
      name: p.name,
      content: p.content,
      description: p.description,
      category: p.category,
      tags: p.tags,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      versions: promptVersions
        .filter((v) => v.promptId === p.id)
        .map((v) => ({
          version: v.version,
          content: v.content,
          description: v.description,
          category: v.category,
          tags: v.tags,
          createdAt: v.createdAt,
        })),
    })),
    memory: exportPkb({ services, userId }),
  };
}

/**
 * The export as JSON text in pieces (valid JSON once joined). The caller writes each piece out
 * and waits for the socket to drain, which also lets other requests run in between.
 */
export async function* streamAccountExport({
  services,
  user,
}: {
  services: AppServices;
  user: { id: string; name: string; email: string };
}): AsyncGenerator<string> {
  const { db } = services;
  const { filesDir } = services.config.documents;
  const head = JSON.stringify(exportHead({ services, user }));
  // The head is an object literal: reopen it to append the conversations array.
  yield `${head.slice(0, -1)},"conversations":[`;
  const ids = accountQueries.listExportableConversationIds({ db, userId: user.id });
  let first = true;
  for (const id of ids) {
    // Read when its turn comes, so a conversation deleted meanwhile is left out.
    const current = conversationQueries.findConversation({ db, id, userId: user.id });
    if (!current) continue;
    const conversation = exportConversation(db, current);
    const docs = documentQueries.listConversationDocuments({
      db,
      conversationId: current.id,
      userId: user.id,
    });
    const documents: ExportedDocument[] = [];
    for (const d of docs) {
      documents.push({
        id: d.id,
        ordinal: d.ordinal,
        kind: d.kind,
        title: d.title,
        filename: d.filename,
        mimeType: d.mimeType,
        sourceUrl: d.sourceUrl,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        content: await documentContent(filesDir, d.storageKey),
      });
    }
    yield `${first ? '' : ','}${JSON.stringify({ ...conversation, documents })}`;
    first = false;
  }
  yield ']}';
}

/** Whole export in memory: for tests and the CLI on small accounts. */
export async function buildAccountExport(args: {
  services: AppServices;
  user: { id: string; name: string; email: string };
}): Promise<string> {
  let text = '';
  for await (const piece of streamAccountExport(args)) text += piece;
  return text;
}

export function summarizeAccount({
  services,
  userId,
}: {
  services: AppServices;
  userId: string;
}): AccountSummary {
  return accountQueries.countAccount({ db: services.db, userId });
}
