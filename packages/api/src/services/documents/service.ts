/**
 * Documents attached to a conversation: upload, add by URL, list, get, delete, re-index. Every
 * call checks ownership (someone else's document or conversation looks missing). The request only
 * validates, stores the bytes under a generated key and inserts the row; text extraction,
 * chunking, embeddings and the summary run as an `indexing` job (`ingest.ts`), and a URL is
 * fetched inside that job, never in the request.
 *
 * Up front (BAD_REQUEST, nothing stored): no file, empty file, file over the size limit, a type
 * that cannot be recognised or is not supported, a non-http(s) address. In the job (the document
 * becomes `failed` with the reason in `error`): content that cannot be read (a corrupt PDF, a
 * page with no text), an address that is refused (private network) or cannot be fetched.
 */
import { TRPCError } from '@trpc/server';
import {
  conversationQueries,
  documentQueries,
  type Db,
  type DocumentRow,
  type Executor,
} from '@margin/db';
import {
  DOCUMENT_LIMITS,
  uploadDocumentFields,
  type Document,
  type DocumentDetail,
  type DocumentKind,
  type DocumentUploadResult,
  type SharedDocument,
} from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { AppServices } from '../../trpc.js';
import { requireConversation } from '../conversations/core.js';
import { consumeOrThrow } from '../rate-limit.js';
import { DocumentRejected, detectDocumentType, sanitizeFilename } from './extract/index.js';
import { sha256Hex, startIndexingJob } from './ingest.js';
import {
  copyDocumentFile,
  documentFileSize,
  newStorageKey,
  removeDocumentFiles,
  writeDocumentFile,
} from './storage.js';
import {
  documentNotFound,
  formatMegabytes,
  toDocument,
  toDocumentDetail,
  toSharedDocument,
} from './views.js';

/** Uploads and URL additions per user per minute (each one stores a file and starts a job). */
export const DOCUMENT_ADDS_PER_MINUTE = 30;
/** How long `delete` waits for a cancelled indexing job to wind down before removing the row. */
const CANCEL_WAIT_MS = 10_000;

const addLimiters = new WeakMap<AppServices['limiters'], RateLimiterMemory>();
async function spendAdd(services: AppServices, userId: string): Promise<void> {
  let limiter = addLimiters.get(services.limiters);
  if (!limiter) {
    limiter = new RateLimiterMemory({
      keyPrefix: 'doc-add',
      points: DOCUMENT_ADDS_PER_MINUTE,
      duration: 60,
    });
    addLimiters.set(services.limiters, limiter);
  }
  await consumeOrThrow(limiter, `u:${userId}`, 'documents added');
}

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

function requireDocument(db: Executor, id: string, userId: string): DocumentRow {
  const row = documentQueries.findOwnedDocument({ db, id, userId });
  if (!row) throw documentNotFound();
  return row;
}

function assertRoom(db: Executor, conversationId: string): void {
  const n = documentQueries.countConversationDocuments({ db, conversationId });
  if (n >= DOCUMENT_LIMITS.perConversation) {
    throw badRequest(
      `This conversation already has ${DOCUMENT_LIMITS.perConversation} documents, the most it can hold. Delete some before adding more.`,
    );
  }
}

/** Starts the row's job; if that fails the document is marked failed rather than left queued. */
export function startDocumentJob(
  services: AppServices,
  row: Pick<DocumentRow, 'id' | 'userId' | 'conversationId'>,
  jobId: string,
): string {
  try {
    return startIndexingJob({
      services,
      userId: row.userId,
      conversationId: row.conversationId,
      documentId: row.id,
      jobId,
    });
  } catch (err) {
    documentQueries.updateDocumentForJob({
      db: services.db,
      id: row.id,
      jobId,
      changes: { status: 'failed', error: 'Indexing could not be started. Re-index to try again.' },
    });
    throw err;
  }
}

/** Queues a new indexing run of an existing document; CONFLICT while one is running. */
function requeue(services: AppServices, row: DocumentRow): string {
  if (
    (row.status === 'queued' || row.status === 'indexing') &&
    row.jobId !== null &&
    services.jobs.isLive(row.jobId)
  ) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'This document is already being indexed. Wait for it to finish or stop it.',
    });
  }
  const jobId = randomUUID();
  documentQueries.updateDocument({
    db: services.db,
    id: row.id,
    changes: { status: 'queued', error: null, jobId },
  });
  return startDocumentJob(services, row, jobId);
}

/** The answer for bytes the conversation already has: the existing document (retried if it failed). */
function duplicateResult(services: AppServices, row: DocumentRow): DocumentUploadResult {
  const jobId = row.status === 'failed' || row.jobId === null ? requeue(services, row) : row.jobId;
  return { documentId: row.id, jobId, duplicate: true };
}

/** What an add transaction did: inserted a row (whose job is then started) or found a duplicate. */
type Added = { row: DocumentRow; jobId: string } | { duplicateOf: DocumentRow };

/** Bytes read from an uploaded file per step; see {@link readBlob}. */
const READ_PIECE = 1024 * 1024;

/**
 * The file's bytes in one buffer, read a piece at a time: `Blob.arrayBuffer()` (and `stream()`)
 * hold a full copy besides the result, +100 MB at once for a 50 MB upload instead of +50 MB.
 */
async function readBlob(file: Blob): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  for (let at = 0; at < file.size; at += READ_PIECE) {
    bytes.set(new Uint8Array(await file.slice(at, at + READ_PIECE).arrayBuffer()), at);
  }
  return bytes;
}

function fileOf(form: FormData): Blob {
  const file = form.get('file');
  if (!(file instanceof Blob)) throw badRequest('Choose a file to upload.');
  return file;
}

export async function uploadDocument({
  services,
  userId,
  form,
}: {
  services: AppServices;
  userId: string;
  form: FormData;
}): Promise<DocumentUploadResult> {
  const { db, config } = services;
  const { filesDir, maxBytes } = config.documents;
  await spendAdd(services, userId);
  const fields = uploadDocumentFields.safeParse({ conversationId: form.get('conversationId') });
  if (!fields.success) throw badRequest('Say which conversation the document is for.');
  const { conversationId } = fields.data;
  const file = fileOf(form);
  requireConversation({ db, userId, id: conversationId });
  if (file.size === 0) throw badRequest('The file is empty.');
  if (file.size > maxBytes)
    throw badRequest(`The file is larger than ${formatMegabytes(maxBytes)}.`);

  const filename = sanitizeFilename(file instanceof File ? file.name : '');
  const bytes = await readBlob(file);
  let detected: { kind: DocumentKind; mimeType: string };
  try {
    detected = detectDocumentType({ bytes, filename, declaredType: file.type || undefined });
  } catch (err) {
    if (err instanceof DocumentRejected) throw badRequest(err.message);
    throw err;
  }
  const sha256 = sha256Hex(bytes);
  const existing = documentQueries.findDocumentBySha({ db, conversationId, sha256 });
  if (existing) return duplicateResult(services, existing);
  assertRoom(db, conversationId);

  // The file is in place before the row that names it; a failed insert removes it again.
  const storageKey = newStorageKey();
  await writeDocumentFile(filesDir, storageKey, bytes);
  let outcome: Added;
  try {
    outcome = db.transaction(
      (tx) => {
        requireConversation({ db: tx, userId, id: conversationId });
        const dup = documentQueries.findDocumentBySha({ db: tx, conversationId, sha256 });
        if (dup) return { duplicateOf: dup };
        assertRoom(tx, conversationId);
        const jobId = randomUUID();
        const row = documentQueries.insertDocument({
          db: tx,
          document: {
            conversationId,
            userId,
            ordinal: documentQueries.nextOrdinal({ db: tx, conversationId }),
            kind: detected.kind,
            title: filename,
            filename,
            mimeType: detected.mimeType,
            size: bytes.byteLength,
            sha256,
            storageKey,
            status: 'queued',
            jobId,
          },
        });
        return { row, jobId };
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    removeDocumentFiles(filesDir, [storageKey]);
    throw err;
  }
  if ('duplicateOf' in outcome) {
    removeDocumentFiles(filesDir, [storageKey]);
    return duplicateResult(services, outcome.duplicateOf);
  }
  const jobId = startDocumentJob(services, outcome.row, outcome.jobId);
  return { documentId: outcome.row.id, jobId, duplicate: false };
}

/** What the address probably is, until the job has fetched it and looked at the bytes. */
function guessFromUrl(url: URL): { kind: DocumentKind; mimeType: string; filename: string } {
  const last = decodeURIComponentSafe(url.pathname.split('/').filter(Boolean).at(-1) ?? '');
  const pdf = /\.pdf$/i.test(url.pathname);
  return {
    kind: pdf ? 'pdf' : 'html',
    mimeType: pdf ? 'application/pdf' : 'text/html',
    filename: sanitizeFilename(last || url.hostname),
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function addDocumentUrl({
  services,
  userId,
  conversationId,
  url,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  url: string;
}): Promise<DocumentUploadResult> {
  const { db, config } = services;
  if (!config.urlUploadEnabled) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Adding documents by web address is turned off on this server.',
    });
  }
  await spendAdd(services, userId);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('Enter a full web address starting with http:// or https://');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badRequest('Only http:// and https:// addresses can be added.');
  }
  if (parsed.username || parsed.password) {
    throw badRequest('Addresses with a user name or password cannot be added.');
  }
  parsed.hash = '';
  const sourceUrl = parsed.href;
  requireConversation({ db, userId, id: conversationId });

  const guess = guessFromUrl(parsed);
  const outcome: Added = db.transaction(
    (tx) => {
      const dup = documentQueries.findDocumentBySourceUrl({ db: tx, conversationId, sourceUrl });
      if (dup) return { duplicateOf: dup };
      assertRoom(tx, conversationId);
      const jobId = randomUUID();
      const row = documentQueries.insertDocument({
        db: tx,
        document: {
          conversationId,
          userId,
          ordinal: documentQueries.nextOrdinal({ db: tx, conversationId }),
          kind: guess.kind,
          title: sourceUrl.slice(0, 200),
          filename: guess.filename,
          mimeType: guess.mimeType,
          size: 0,
          // Known once the job has fetched the bytes.
          sha256: '',
          sourceUrl,
          storageKey: newStorageKey(),
          status: 'queued',
          jobId,
        },
      });
      return { row, jobId };
    },
    { behavior: 'immediate' },
  );
  if ('duplicateOf' in outcome) return duplicateResult(services, outcome.duplicateOf);
  const jobId = startDocumentJob(services, outcome.row, outcome.jobId);
  return { documentId: outcome.row.id, jobId, duplicate: false };
}

export function listDocuments({
  services,
  userId,
  conversationId,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
}): Document[] {
  const { db } = services;
  requireConversation({ db, userId, id: conversationId });
  return documentQueries.listConversationDocuments({ db, conversationId, userId }).map(toDocument);
}

export function getDocument({
  services,
  userId,
  id,
}: {
  services: AppServices;
  userId: string;
  id: string;
}): DocumentDetail {
  return toDocumentDetail(requireDocument(services.db, id, userId));
}

async function settledWithin(services: AppServices, jobId: string, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    services.jobs.settled(jobId),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Stops a running indexing job, deletes the row (pages, chunks and FTS rows cascade), moves the
 * later documents down one ordinal, and removes the file once the transaction has committed.
 */
export async function deleteDocument({
  services,
  userId,
  id,
}: {
  services: AppServices;
  userId: string;
  id: string;
}): Promise<{ ok: true }> {
  const { db, jobs, config } = services;
  const row = requireDocument(db, id, userId);
  if (row.jobId !== null && jobs.isLive(row.jobId)) {
    jobs.cancel(row.jobId, userId);
    await settledWithin(services, row.jobId, CANCEL_WAIT_MS);
  }
  const removed = db.transaction(
    (tx) => {
      const current = documentQueries.findOwnedDocument({ db: tx, id, userId });
      if (!current) return undefined;
      documentQueries.deleteDocument({ db: tx, id });
      documentQueries.closeOrdinalGap({
        db: tx,
        conversationId: current.conversationId,
        deletedOrdinal: current.ordinal,
      });
      return current;
    },
    { behavior: 'immediate' },
  );
  if (!removed) throw documentNotFound();
  const failed = removeDocumentFiles(config.documents.filesDir, [removed.storageKey]);
  if (failed.length > 0) {
    services.logger.warn({ documentId: id, keys: failed }, 'could not remove a document file');
  }
  return { ok: true };
}

export function reindexDocument({
  services,
  userId,
  id,
}: {
  services: AppServices;
  userId: string;
  id: string;
}): { jobId: string } {
  const row = requireDocument(services.db, id, userId);
  return { jobId: requeue(services, row) };
}

// Helpers for other features (conversation clone/delete/share, the HTTP file route).

/**
 * Before a clone: copies the files of the conversation's documents to new storage keys (outside
 * any transaction: file copies cannot be rolled back). Every document gets a key, even one whose
 * file is missing (a URL not fetched yet), so the clone's ordinals stay dense. Returns source
 * document id → new key; the caller removes the copies if its transaction fails.
 */
export async function copyConversationDocumentFiles({
  db,
  filesDir,
  userId,
  conversationId,
}: {
  db: Executor;
  filesDir: string;
  userId: string;
  conversationId: string;
}): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  try {
    for (const d of documentQueries.listConversationDocuments({ db, conversationId, userId })) {
      const key = newStorageKey();
      keys.set(d.id, key);
      if (documentFileSize(filesDir, d.storageKey) !== undefined) {
        await copyDocumentFile(filesDir, d.storageKey, key);
      }
    }
  } catch (err) {
    removeDocumentFiles(filesDir, keys.values());
    throw err;
  }
  return keys;
}

/** The shared page's list: ready documents of a shared conversation, in order. */
export function listSharedDocuments({
  db,
  conversationId,
  userId,
}: {
  db: Executor;
  conversationId: string;
  userId: string;
}): SharedDocument[] {
  return documentQueries
    .listConversationDocuments({ db, conversationId, userId })
    .filter((d) => d.status === 'ready')
    .map(toSharedDocument);
}

/** A document the caller owns, for the file download route; undefined when missing or someone else's. */
export function findOwnedDocumentFile({
  db,
  userId,
  id,
}: {
  db: Db;
  userId: string;
  id: string;
}): DocumentRow | undefined {
  return documentQueries.findOwnedDocument({ db, id, userId });
}

/**
 * A ready document of a shared conversation, for the public file route: undefined unless the
 * token is a live share link and the document belongs to that conversation.
 */
export function findSharedDocumentFile({
  db,
  token,
  id,
}: {
  db: Db;
  token: string;
  id: string;
}): DocumentRow | undefined {
  const conversation = conversationQueries.findConversationByShareToken({ db, token });
  if (!conversation) return undefined;
  const row = documentQueries.findOwnedDocument({ db, id, userId: conversation.userId });
  return row?.conversationId === conversation.id && row.status === 'ready' ? row : undefined;
}
