/**
 * Reading an account export before anything is written: JSON, format and version with messages a
 * person can act on, the zod schema, then the references between parts (a conversation's
 * workspace, a doubt's message, a pin's memory…), and the documents' bytes. Any problem is a
 * BAD_REQUEST naming where in the file it is.
 */
import {
  ACCOUNT_EXPORT_FORMAT,
  accountExportSchema,
  type AccountExport,
  type AccountExportConversation,
  type DocumentKind,
} from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { formatMegabytes } from '../documents/views.js';
import {
  detectDocumentType,
  DocumentRejected,
  sanitizeFilename,
} from '../documents/extract/index.js';
import { sha256Hex } from '../documents/ingest.js';

const damaged = (message: string) =>
  new TRPCError({ code: 'BAD_REQUEST', message: `The export cannot be imported: ${message}` });

function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${String(p)}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** Parses and validates the file's text; throws BAD_REQUEST saying what is wrong and where. */
export function parseAccountExport(text: string): AccountExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw damaged('the file is not JSON. Choose the .json file that "Download everything" saved.');
  }
  const head = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (head.format === 'margin-pkb')
    throw damaged('this is a memory export. Import it on the Memory page instead.');
  if (head.format !== ACCOUNT_EXPORT_FORMAT)
    throw damaged(
      'this file is not a Margin account export (it has no "format": "margin-account").',
    );
  if (head.version !== 1)
    throw damaged(
      `it is ${head.version === undefined ? 'an unknown version' : `version ${JSON.stringify(head.version)}`} of the format; this server reads version 1.`,
    );
  const parsed = accountExportSchema.safeParse(data);
  if (!parsed.success) throw damaged(firstIssue(parsed.error));
  checkReferences(parsed.data);
  return parsed.data;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the file does not match the format.';
  return `at ${describePath(issue.path) || 'the top level'}: ${issue.message}.`;
}

function unique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw damaged(`${what} id ${JSON.stringify(id)} appears twice.`);
    seen.add(id);
  }
}

/** Every reference inside the file points at something in the file, with no cycles. */
function checkReferences(data: AccountExport): void {
  const workspaces = new Map(data.workspaces.map((w) => [w.id, w]));
  unique(
    data.workspaces.map((w) => w.id),
    'Workspace',
  );
  for (const w of data.workspaces) {
    if (w.parentId !== null && !workspaces.has(w.parentId))
      throw damaged(`workspace "${w.name}" is inside a workspace that is not in the file.`);
  }
  orderParentsFirst(data.workspaces, 'workspace');
  unique(
    data.conversations.map((c) => c.id),
    'Conversation',
  );
  unique(
    data.conversations.flatMap((c) => c.messages.map((m) => m.id)),
    'Message',
  );
  unique(
    data.conversations.flatMap((c) => c.doubts.map((d) => d.id)),
    'Doubt',
  );
  unique(
    data.conversations.flatMap((c) => c.documents.map((d) => d.id)),
    'Document',
  );
  const claimIds = new Set(data.memory.claims.map((c) => c.id));
  for (const c of data.conversations) {
    const where = `conversation "${c.title}"`;
    const ws = workspaces.get(c.workspaceId);
    if (!ws) throw damaged(`${where} belongs to a workspace that is not in the file.`);
    if (ws.domain !== c.domain)
      throw damaged(`${where} is in the ${c.domain} tab but its workspace is in ${ws.domain}.`);
    unique(
      c.messages.map((m) => String(m.position)),
      `In ${where}, the message position`,
    );
    const messageIds = new Set(c.messages.map((m) => m.id));
    const doubtIds = new Set(c.doubts.map((d) => d.id));
    for (const d of c.doubts) {
      if (!messageIds.has(d.messageId))
        throw damaged(`a doubt in ${where} is about a message that is not in that conversation.`);
      if (d.parentId !== null && !doubtIds.has(d.parentId))
        throw damaged(`a doubt in ${where} follows up a doubt that is not in that conversation.`);
    }
    orderParentsFirst(c.doubts, `doubt in ${where}`);
    unique(
      c.documents.map((d) => String(d.ordinal)),
      `In ${where}, the document number`,
    );
    const refs = [
      ...c.memoryPins.map((p) => p.claimId),
      ...c.messages.flatMap((m) => m.memoryUses.map((u) => u.claimId)),
    ];
    if (refs.some((id) => !claimIds.has(id)))
      throw damaged(`${where} refers to a memory that is not in the file.`);
  }
}

/**
 * Items ordered so that each parent comes before its children (the insert order foreign keys
 * need); a cycle is a damaged file.
 */
export function orderParentsFirst<T extends { id: string; parentId: string | null }>(
  items: readonly T[],
  what: string,
): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const placed = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const chain: T[] = [];
    let cur: T | undefined = item;
    while (cur && !placed.has(cur.id)) {
      if (chain.includes(cur)) throw damaged(`a ${what} is inside itself (a cycle of parents).`);
      chain.push(cur);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    for (const c of chain.reverse()) {
      placed.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export interface DecodedDocument {
  /** The file's document id. */
  id: string;
  bytes: Buffer | null;
  kind: DocumentKind;
  mimeType: string;
  filename: string;
  sha256: string;
}

/**
 * The documents' bytes of the given conversations, decoded and checked like an upload (size,
 * type sniffed from the bytes). A document without bytes keeps its recorded type.
 */
export function decodeDocuments(
  conversations: readonly AccountExportConversation[],
  maxBytes: number,
): DecodedDocument[] {
  const out: DecodedDocument[] = [];
  for (const c of conversations) {
    for (const d of c.documents) {
      const filename = sanitizeFilename(d.filename);
      const where = `document "${filename}" of conversation "${c.title}"`;
      if (d.content === null) {
        out.push({
          id: d.id,
          bytes: null,
          kind: d.kind,
          mimeType: d.mimeType,
          filename,
          sha256: '',
        });
        continue;
      }
      // base64 is 4 characters per 3 bytes: refuse before decoding anything oversized.
      if (Math.floor((d.content.length * 3) / 4) > maxBytes + 2)
        throw damaged(
          `${where} is larger than ${formatMegabytes(maxBytes)}, the most this server accepts.`,
        );
      const bytes = Buffer.from(d.content, 'base64');
      if (bytes.byteLength > maxBytes)
        throw damaged(
          `${where} is larger than ${formatMegabytes(maxBytes)}, the most this server accepts.`,
        );
      try {
        const detected = detectDocumentType({ bytes, filename, declaredType: d.mimeType });
        out.push({ id: d.id, bytes, ...detected, filename, sha256: sha256Hex(bytes) });
      } catch (err) {
        if (err instanceof DocumentRejected) throw damaged(`${where}: ${err.message}`);
        throw err;
      }
    }
  }
  return out;
}
