/**
 * The indexing job of one document: (fetch, for a URL) → extract text per page → pages and
 * chunks (FTS through triggers) → embeddings when an embedding model is configured → title and
 * short summary (the `fast` model when configured, else heuristics). Status goes queued →
 * indexing → ready | failed (with a reason the user can read). Rows are written in transactions
 * of a few hundred, each only while the document still belongs to this job (a delete or re-index
 * wins); search ignores the document until it is ready, and a failure removes partial content.
 * Memory stays near the size of the text: chunks are computed and written a batch at a time.
 */
import { TRPCError } from '@trpc/server';
import { documentQueries, type DocumentRow, type Executor } from '@margin/db';
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { abortedByShutdown, type JobContext, type JobResult } from '../jobs/registry.js';
import { describeLlmError } from '../llm/client.js';
import { parseTitleAndSummary } from '../chat/after-turn.js';
import { truncateToTokens } from '../chat/tokens.js';
import type { AppServices } from '../../trpc.js';
import { EMBED_BATCH, embedTexts, vectorToBlob } from './embeddings.js';
import {
  DocumentRejected,
  detectDocumentType,
  extractDocument,
  fetchPublicUrl,
  iterateChunks,
  joinPages,
  tokenPrefix,
  type ExtractedDocument,
  type TextChunk,
} from './extract/index.js';
import {
  documentFileSize,
  readDocumentFile,
  removeDocumentFiles,
  sweepOrphanDocumentFiles,
  writeDocumentFile,
} from './storage.js';

export const STOPPED_MESSAGE = 'Indexing was stopped';
export const RESTART_MESSAGE = 'Interrupted by a server restart — re-index to try again';
const MISSING_FILE_MESSAGE = 'The stored file is missing. Delete this document and add it again.';

/** Documents indexed at once per process; the others wait, still `queued`. */
export const MAX_CONCURRENT_INDEXING = 2;
const TITLE_MAX = 200;
const SUMMARY_MAX = 1000;
const HEURISTIC_SUMMARY_CHARS = 300;
const SUMMARY_INPUT_TOKENS = 3000;
/**
 * Chunks written per transaction. Small enough that a 50 MB text never has all its chunks (and
 * their bound parameters) in memory at once, large enough that commits cost little.
 */
const CHUNK_BATCH = 250;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A counting semaphore whose waiters can give up (abort). */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  get available(): boolean {
    return this.free > 0;
  }

  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.free > 0) this.free--;
    else {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.waiting.indexOf(grant);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        const grant = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

const slotsByServices = new WeakMap<AppServices['jobs'], Slots>();
function slotsFor(services: AppServices): Slots {
  let slots = slotsByServices.get(services.jobs);
  if (!slots) {
    slots = new Slots(MAX_CONCURRENT_INDEXING);
    slotsByServices.set(services.jobs, slots);
  }
  return slots;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The first ~300 characters, cut at a word boundary. Collapses only as much of the text as that
 * needs (the collapsed start of a text is the start of the collapsed text): collapsing all of a
 * 50 MB text took seconds and most of a gigabyte.
 */
export function heuristicSummary(text: string): string | null {
  for (let read = 4 * HEURISTIC_SUMMARY_CHARS; ; read *= 4) {
    const whole = read >= text.length;
    const flat = collapse(whole ? text : text.slice(0, read));
    if (flat.length > HEURISTIC_SUMMARY_CHARS) {
      const cut = flat.slice(0, HEURISTIC_SUMMARY_CHARS);
      const space = cut.lastIndexOf(' ');
      return `${space > HEURISTIC_SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut}…`;
    }
    if (whole) return flat || null;
  }
}

function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Why indexing failed, as a sentence for the document list. */
function failureMessage(err: unknown): string {
  if (err instanceof DocumentRejected) return err.message;
  if (err instanceof TRPCError) return err.message;
  return 'Indexing failed because of an error on the server. Re-index to try again.';
}

interface Step {
  services: AppServices;
  ctx: JobContext;
  documentId: string;
}

/** Applies `changes` if the document still belongs to this job; false when it was deleted or re-queued. */
function updateOwn(db: Executor, step: Step, changes: documentQueries.DocumentChanges): boolean {
  return documentQueries.updateDocumentForJob({
    db,
    id: step.documentId,
    jobId: step.ctx.jobId,
    changes,
  });
}

/** Fetches a URL document's bytes (inside the job, never in the request), stores and describes them. */
async function fetchSource(step: Step, row: DocumentRow, url: string): Promise<Uint8Array | null> {
  const { services, ctx } = step;
  const { config } = services;
  ctx.emit({ type: 'status', text: `Fetching ${new URL(url).host}…` });
  const fetched = await fetchPublicUrl(url, {
    maxBytes: config.documents.maxBytes,
    timeoutMs: config.documents.urlTimeoutMs,
    maxRedirects: config.documents.urlMaxRedirects,
    allowPrivate: config.documents.allowPrivateUrls,
    signal: ctx.signal,
  });
  if (fetched.bytes.byteLength === 0)
    throw new DocumentRejected('The address returned no content.');
  const detected = detectDocumentType({
    bytes: fetched.bytes,
    filename: fetched.filename,
    declaredType: fetched.contentType,
  });
  ctx.signal.throwIfAborted();
  await writeDocumentFile(config.documents.filesDir, row.storageKey, fetched.bytes);
  const kept = updateOwn(services.db, step, {
    kind: detected.kind,
    mimeType: detected.mimeType,
    size: fetched.bytes.byteLength,
    sha256: sha256Hex(fetched.bytes),
    filename: fetched.filename,
  });
  if (!kept) {
    // Deleted while we fetched: the file must not outlive its row.
    removeDocumentFiles(config.documents.filesDir, [row.storageKey]);
    return null;
  }
  return fetched.bytes;
}

/**
 * Embeds the chunks and stores each request's vectors as they arrive (not all of them at the end:
 * 30k chunks of 1536-d vectors are 190 MB). All or nothing, as far as anyone can see: when the
 * model fails, the vectors already stored are removed and keyword search carries on alone.
 */
async function embedChunks(step: Step, rowids: number[], texts: string[]): Promise<void> {
  const { services, ctx } = step;
  const { llm, db, logger } = services;
  if (!llm.hasRole('embedding') || texts.length === 0) return;
  ctx.emit({ type: 'status', text: 'Computing embeddings…' });
  ctx.emit({ type: 'progress', done: 0, total: texts.length });
  try {
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      const vectors = await embedTexts({
        llm,
        texts: texts.slice(i, i + EMBED_BATCH),
        signal: ctx.signal,
      });
      if (!vectors) return;
      ctx.signal.throwIfAborted();
      const kept = db.transaction(
        (tx) => {
          if (!updateOwn(tx, step, { status: 'indexing' })) return false;
          documentQueries.setChunkEmbeddings({
            db: tx,
            rows: vectors.flatMap((v, j) => {
              const rowid = rowids[i + j];
              return rowid === undefined ? [] : [{ rowid, embedding: vectorToBlob(v) }];
            }),
          });
          return true;
        },
        { behavior: 'immediate' },
      );
      if (!kept) return;
      ctx.emit({ type: 'progress', done: i + vectors.length, total: texts.length });
    }
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    // Keyword search still works without vectors: the document stays usable.
    logger.warn({ err: describeLlmError(err), documentId: step.documentId }, 'embeddings failed');
    db.transaction(
      (tx) => {
        if (updateOwn(tx, step, { status: 'indexing' }))
          documentQueries.clearChunkEmbeddings({ db: tx, documentId: step.documentId });
      },
      { behavior: 'immediate' },
    );
    ctx.emit({
      type: 'status',
      text: `Embeddings failed (${describeLlmError(err)}); keyword search still works.`,
    });
  }
}

async function describeDocument(
  step: Step,
  filename: string,
  text: string,
  fallback: { title: string; summary: string | null },
): Promise<{ title: string; summary: string | null }> {
  const { services, ctx } = step;
  const { llm, logger } = services;
  if (!llm.hasRole('fast') || !text.trim()) return fallback;
  ctx.emit({ type: 'status', text: 'Writing a title and summary…' });
  try {
    const reply = await llm.complete({
      model: llm.resolveModel('fast'),
      temperature: 0.2,
      signal: ctx.signal,
      messages: [
        {
          role: 'system',
          content:
            'You name and summarise documents. Reply exactly as <title>…</title><summary>…</summary>. The title has at most 12 words and says what the document is (use its own title when it has one). The summary has two or three sentences: what the document is and its main points.',
        },
        {
          role: 'user',
          // tokenPrefix: the same truncation without encoding the whole text.
          content: `File name: ${filename}\n\nBeginning of the document:\n${truncateToTokens(tokenPrefix(text, SUMMARY_INPUT_TOKENS), SUMMARY_INPUT_TOKENS)}`,
        },
      ],
    });
    const parsed = parseTitleAndSummary(reply);
    return {
      title: parsed.title ? clamp(collapse(parsed.title), TITLE_MAX) : fallback.title,
      summary: parsed.summary ? clamp(parsed.summary.trim(), SUMMARY_MAX) : fallback.summary,
    };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    logger.warn(
      { err: describeLlmError(err), documentId: step.documentId },
      'document title/summary failed',
    );
    return fallback;
  }
}

/**
 * Reads the stored file (fetching a URL document first when it has none yet) and extracts its
 * text. The bytes are dropped on return: from here on only the text is needed.
 */
async function readAndExtract(
  step: Step,
  first: DocumentRow,
): Promise<{ row: DocumentRow; extracted: ExtractedDocument } | null> {
  const { services, ctx, documentId } = step;
  const { db, config } = services;
  const filesDir = config.documents.filesDir;
  let row = first;
  let bytes: Uint8Array | null;
  if (row.sourceUrl !== null && documentFileSize(filesDir, row.storageKey) === undefined) {
    bytes = await fetchSource(step, row, row.sourceUrl);
    if (!bytes) return null;
    const fetched = documentQueries.findDocument({ db, id: documentId });
    if (!fetched) return null;
    row = fetched;
  } else {
    try {
      const buffer = await readDocumentFile(filesDir, row.storageKey);
      // A plain Uint8Array: pdf.js refuses Node Buffers.
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch {
      throw new DocumentRejected(MISSING_FILE_MESSAGE);
    }
  }

  ctx.emit({ type: 'status', text: `Reading ${row.filename}…` });
  const extracted = await extractDocument({
    bytes,
    kind: row.kind,
    filename: row.filename,
    mimeType: row.mimeType,
    signal: ctx.signal,
    onProgress: (done, total) => ctx.emit({ type: 'progress', done, total }),
    transcribe: services.llm.hasRole('stt') ? (audio) => services.llm.transcribe(audio) : undefined,
  });
  ctx.signal.throwIfAborted();
  return { row, extracted };
}

/** Chunks written so far: their rowids, and their texts when embeddings will need them. */
interface StoredChunks {
  rowids: number[];
  texts: string[];
}

/**
 * Replaces the document's pages and chunks: the old content goes first, then the chunks as they
 * are computed, CHUNK_BATCH per transaction together with the running counts, and the pages come
 * with the last batch. Pages last, because a 50 MB page costs twice its size again while SQLite
 * binds and stores it: by then the file's bytes and the upload's buffers have been collected.
 * Returns null when the document stopped belonging to this job.
 */
async function writeContent(
  step: Step,
  row: DocumentRow,
  extracted: ExtractedDocument,
): Promise<StoredChunks | null> {
  const { services, ctx, documentId } = step;
  const { db } = services;
  const started = db.transaction(
    (tx) => {
      const kept = updateOwn(tx, step, {
        kind: extracted.kind,
        pageCount: extracted.kind === 'pdf' ? extracted.pages.length : null,
        chunkCount: 0,
        tokenCount: 0,
        preview: extracted.preview ? JSON.stringify(extracted.preview) : null,
      });
      if (kept) documentQueries.deleteDocumentContent({ db: tx, documentId });
      return kept;
    },
    { behavior: 'immediate' },
  );
  if (!started) return null;

  const keepTexts = services.llm.hasRole('embedding');
  const stored: StoredChunks = { rowids: [], texts: [] };
  let tokenCount = 0;
  /** Writes one batch (and the pages with the last); false when the document is no longer this job's. */
  const write = (batch: TextChunk[], last: boolean): boolean =>
    db.transaction(
      (tx) => {
        for (const c of batch) tokenCount += c.tokenCount;
        const kept = updateOwn(tx, step, {
          chunkCount: stored.rowids.length + batch.length,
          tokenCount,
        });
        if (!kept) return false;
        const rowids = documentQueries.insertChunks({
          db: tx,
          rows: batch.map((c) => ({
            documentId,
            conversationId: row.conversationId,
            position: c.position,
            pageStart: c.pageStart,
            pageEnd: c.pageEnd,
            charStart: c.charStart,
            charEnd: c.charEnd,
            tokenCount: c.tokenCount,
            text: c.text,
          })),
        });
        for (const id of rowids) stored.rowids.push(id);
        if (keepTexts) for (const c of batch) stored.texts.push(c.text);
        if (last) {
          documentQueries.insertPages({
            db: tx,
            rows: extracted.pages.map((p) => ({ documentId, page: p.page, text: p.text })),
          });
        }
        return true;
      },
      { behavior: 'immediate' },
    );

  ctx.emit({ type: 'status', text: 'Indexing passages…' });
  const length = extracted.pages.reduce((n, p) => n + p.text.length + 2, 0);
  let shownPercent = 0;
  let batch: TextChunk[] = [];
  for (const chunk of iterateChunks(extracted.pages)) {
    batch.push(chunk);
    if (batch.length < CHUNK_BATCH) continue;
    if (!write(batch, false)) return null;
    batch = [];
    const percent = Math.floor((100 * chunk.charEnd) / length);
    if (percent > shownPercent) {
      shownPercent = percent;
      ctx.emit({ type: 'status', text: `Indexing passages… ${String(percent)}%` });
    }
    // Lets requests (and another document's indexing) run between batches.
    await nextTurn();
    ctx.signal.throwIfAborted();
  }
  return write(batch, true) ? stored : null;
}

/** After a failure while writing content: no partial pages or chunks stay behind. */
function removePartialContent(step: Step): void {
  const { services, documentId } = step;
  try {
    services.db.transaction(
      (tx) => {
        if (updateOwn(tx, step, { chunkCount: 0, tokenCount: 0 }))
          documentQueries.deleteDocumentContent({ db: tx, documentId });
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    // The database may be closing (shutdown); a re-index replaces the content anyway.
    services.logger.warn({ err, documentId }, 'could not remove partial document content');
  }
}

async function index(step: Step): Promise<void> {
  const { services, ctx, documentId } = step;
  const { db } = services;

  const slots = slotsFor(services);
  if (!slots.available) {
    ctx.emit({ type: 'status', text: 'Waiting for other documents to finish indexing…' });
  }
  const release = await slots.acquire(ctx.signal);
  try {
    if (!updateOwn(db, step, { status: 'indexing', error: null })) return;
    const found = documentQueries.findDocument({ db, id: documentId });
    if (!found) return;
    const read = await readAndExtract(step, found);
    if (!read) return;
    const { row, extracted } = read;

    let stored: StoredChunks | null;
    try {
      stored = await writeContent(step, row, extracted);
    } catch (err) {
      removePartialContent(step);
      throw err;
    }
    if (!stored) return;

    await embedChunks(step, stored.rowids, stored.texts);

    const text = joinPages(extracted.pages);
    const described = await describeDocument(step, row.filename, text, {
      title: clamp(collapse(extracted.title ?? '') || row.filename, TITLE_MAX),
      summary: heuristicSummary(text),
    });
    ctx.signal.throwIfAborted();
    updateOwn(db, step, {
      status: 'ready',
      error: null,
      title: described.title,
      shortSummary: described.summary,
    });
  } finally {
    release();
  }
}

/** The job body: runs the indexing and records how it ended on the document. */
export async function runIndexingJob({
  services,
  documentId,
  ctx,
}: {
  services: AppServices;
  documentId: string;
  ctx: JobContext;
}): Promise<JobResult> {
  const step: Step = { services, ctx, documentId };
  try {
    await index(step);
    return {};
  } catch (err) {
    const { signal } = ctx;
    const reason = signal.aborted
      ? abortedByShutdown(signal)
        ? RESTART_MESSAGE
        : STOPPED_MESSAGE
      : failureMessage(err);
    try {
      updateOwn(services.db, step, { status: 'failed', error: reason });
    } catch (writeErr) {
      // The database may be closing (shutdown); start-up recovery marks the document then.
      services.logger.warn({ err: writeErr, documentId }, 'could not record indexing failure');
    }
    if (signal.aborted) throw err;
    if (!(err instanceof DocumentRejected) && !(err instanceof TRPCError)) {
      services.logger.error({ err, documentId }, 'indexing failed');
    }
    // A TRPCError keeps the registry from logging it again; the message is the job's error event.
    throw new TRPCError({ code: 'BAD_REQUEST', message: reason, cause: err });
  }
}

/** Starts the indexing job `jobId` for a document whose row already names that job. */
export function startIndexingJob({
  services,
  userId,
  conversationId,
  documentId,
  jobId,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  documentId: string;
  jobId: string;
}): string {
  return services.jobs.start({
    id: jobId,
    kind: 'indexing',
    userId,
    conversationId,
    run: (ctx) => runIndexingJob({ services, documentId, ctx }),
  });
}

/**
 * Start-up recovery, before any request is served: documents a crash or restart left queued or
 * indexing are marked failed, and files no document refers to are removed.
 */
export function recoverDocuments({ db, filesDir }: { db: Executor; filesDir: string }): {
  failed: number;
  removedFiles: number;
} {
  const failed = documentQueries.failUnfinishedDocuments({ db, error: RESTART_MESSAGE });
  const keep = new Set(documentQueries.listAllStorageKeys({ db }));
  return { failed, removedFiles: sweepOrphanDocumentFiles(filesDir, keep) };
}
