/**
 * The documents context source (chat/context-sources.ts): turns `#doc_N` / `#doc_all`
 * references, documents picked in the composer, or nothing at all (automatic retrieval) into
 * labelled context blocks the model can cite as `[#doc_N p.X]`.
 *
 * - A small document (≤ {@link WHOLE_DOCUMENT_MAX_TOKENS}) goes in whole, page-marked.
 * - A larger one contributes its short summary and the best chunks for the question (hybrid
 *   retrieval), filled by fused rank within {@link DOCUMENTS_TOKEN_BUDGET}; when nothing in it
 *   matches the question, its opening chunks.
 * - With no reference, the conversation's ready documents are searched and at most
 *   {@link AUTO_MAX_CHUNKS} chunks are added, and only when they really match.
 * - A referenced image has no text: its block says the picture is attached and carries an
 *   {@link ImageReference}, which `chat.send` turns into an image for vision models.
 *
 * Blocks come out in priority order; the prompt keeps whole blocks in that order within its own
 * documents share, so a smaller context window loses the least relevant ones first.
 */
import { TRPCError } from '@trpc/server';
import { documentQueries, retrievalQueries, type Db } from '@margin/db';
import type { LlmService } from '../llm/client.js';
import type {
  ContextSources,
  DocumentContextRequest,
  ImageReference,
} from '../chat/context-sources.js';
import type { ContextBlock } from '../chat/prompt.js';
import { countTokens } from '../chat/tokens.js';
import { searchChunks, type RetrievedChunk } from './retrieval.js';

/** Most tokens of document context one answer gets (before the prompt's own share applies). */
export const DOCUMENTS_TOKEN_BUDGET = 12_000;
/** Documents at most this long are included whole. */
export const WHOLE_DOCUMENT_MAX_TOKENS = 6_000;
/** Automatic retrieval (no reference): at most this many chunks … */
export const AUTO_MAX_CHUNKS = 4;
/** … within this many tokens … */
export const AUTO_TOKEN_BUDGET = 3_000;
/** … each matching the question by BM25 or at least this cosine similarity. */
export const AUTO_MIN_COSINE = 0.3;
/** Chunks retrieved for referenced documents before filling the budget. */
const SEARCH_LIMIT = 48;
/** Opening chunks of a referenced document nothing in which matches the question. */
const LEADING_TOKENS = 2_000;

export interface DocumentSourceDeps {
  db: Db;
  llm: LlmService;
  /** Overrides {@link DOCUMENTS_TOKEN_BUDGET} (tests). */
  tokenBudget?: number;
}

type ConversationDocument = retrievalQueries.ConversationDocument;

// ── Resolving references ────────────────────────────────────────────────────────────────────

function plural(n: number): string {
  return n === 0 ? 'no documents' : n === 1 ? '1 document' : `${n} documents`;
}

export function docName(doc: Pick<ConversationDocument, 'ordinal' | 'title'>): string {
  return `#doc_${doc.ordinal} "${doc.title}"`;
}

/** PRECONDITION_FAILED unless `doc` is ready to be read. */
export function assertReady(doc: ConversationDocument): void {
  if (doc.status === 'ready') return;
  if (doc.status === 'failed') {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `${docName(doc)} could not be indexed: ${doc.error ?? 'unknown reason'}. Re-index or remove it, then ask again.`,
    });
  }
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `${docName(doc)} is still being indexed. Wait until it is ready, or send the message without it.`,
  });
}

/** The document `#doc_<ordinal>` of the list, or BAD_REQUEST naming how many there are. */
export function documentByOrdinal(
  docs: readonly ConversationDocument[],
  ordinal: number,
  reference = `#doc_${ordinal}`,
): ConversationDocument {
  const doc = docs.find((d) => d.ordinal === ordinal);
  if (!doc) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `There is no ${reference} in this conversation (it has ${plural(docs.length)}).`,
    });
  }
  return doc;
}

const ALL_REFERENCES = new Set(['#doc_all', '#all_docs', '#all_doc']);

interface Targets {
  /** Referenced or selected documents, ready, in `#doc_N` order. */
  docs: ConversationDocument[];
  /** Failed documents skipped by `#doc_all` (mentioned to the model, not read). */
  skipped: ConversationDocument[];
}

function resolveTargets(
  docs: readonly ConversationDocument[],
  request: DocumentContextRequest,
): Targets {
  const chosen = new Map<string, ConversationDocument>();
  const skipped: ConversationDocument[] = [];
  for (const id of request.documentIds) {
    const doc = docs.find((d) => d.id === id);
    if (!doc) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message:
          'A selected document is not in this conversation. It may have been deleted; reload the conversation.',
      });
    }
    assertReady(doc);
    chosen.set(doc.id, doc);
  }
  for (const reference of request.references) {
    if (ALL_REFERENCES.has(reference)) {
      if (docs.length === 0) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `There are no documents in this conversation for ${reference}. Upload one first.`,
        });
      }
      for (const doc of docs) {
        if (doc.status === 'failed') skipped.push(doc);
        else {
          assertReady(doc);
          chosen.set(doc.id, doc);
        }
      }
      continue;
    }
    const match = /^#doc_(\d+)$/.exec(reference);
    if (!match) continue;
    const doc = documentByOrdinal(docs, Number(match[1]), reference);
    assertReady(doc);
    chosen.set(doc.id, doc);
  }
  return {
    docs: [...chosen.values()].sort((a, b) => a.ordinal - b.ordinal),
    skipped: skipped.filter((d) => !chosen.has(d.id)),
  };
}

// ── Rendering blocks ────────────────────────────────────────────────────────────────────────

function pageRange(start: number, end: number): string {
  return start === end ? `p.${start}` : `p.${start}–${end}`;
}

/** What a block costs in the prompt: its heading, text and the blank line between blocks. */
export function blockTokens(block: ContextBlock): number {
  return countTokens(`### ${block.label}\n${block.text.trim()}`) + 2;
}

function chunkBlock(
  chunk: Pick<RetrievedChunk, 'ordinal' | 'title' | 'pageStart' | 'pageEnd' | 'text'>,
): ContextBlock {
  const pages = pageRange(chunk.pageStart, chunk.pageEnd);
  return {
    label: `${docName(chunk)} ${pages}`,
    text: `[${pages}] ${chunk.text.trim()}`,
  };
}

/** The document's pages, each opened with its `[p.N]` marker. */
export function pageMarkedText(pages: readonly { page: number; text: string }[]): string {
  return pages
    .filter((p) => p.text.trim() !== '')
    .map((p) => `[p.${p.page}] ${p.text.trim()}`)
    .join('\n\n');
}

/** The whole document as one block, or undefined when it has no stored text or is too long. */
function wholeBlock(
  db: Db,
  doc: ConversationDocument,
  maxTokens: number,
): ContextBlock | undefined {
  const pages = documentQueries.listPages({ db, documentId: doc.id });
  const first = pages[0];
  const last = pages[pages.length - 1];
  if (!first || !last) return undefined;
  // A token is rarely longer than ~10 characters: skip the count when it cannot fit anyway.
  if (pages.reduce((n, p) => n + p.text.length, 0) > maxTokens * 10) return undefined;
  const block = {
    label: `${docName(doc)} ${pageRange(first.page, last.page)} (whole document)`,
    text: pageMarkedText(pages),
  };
  return blockTokens(block) <= maxTokens ? block : undefined;
}

/** The block of a referenced image: a note naming the picture sent along with the question. */
function imageBlock(doc: ConversationDocument, index: number, count: number): ContextBlock {
  const image: ImageReference = {
    documentId: doc.id,
    ordinal: doc.ordinal,
    title: doc.title,
    mimeType: doc.mimeType,
    storageKey: doc.storageKey,
  };
  const which =
    count === 1 ? 'The image attached to this message' : `Image ${index} of ${count} attached`;
  return {
    label: `${docName(doc)} (image)`,
    text: `${which}. Cite it as [#doc_${doc.ordinal}].`,
    image,
  };
}

function summaryBlock(doc: ConversationDocument): ContextBlock | undefined {
  const summary = doc.shortSummary?.trim();
  return summary ? { label: `${docName(doc)} (summary)`, text: summary } : undefined;
}

class BlockList {
  readonly blocks: ContextBlock[] = [];
  private readonly rowids = new Set<number>();
  constructor(public remaining: number) {}

  /** Adds `block` if it fits; returns whether it did. */
  add(block: ContextBlock, rowid?: number): boolean {
    if (rowid !== undefined && this.rowids.has(rowid)) return false;
    const cost = blockTokens(block);
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    this.blocks.push(block);
    if (rowid !== undefined) this.rowids.add(rowid);
    return true;
  }

  /** Adds `block` even over budget: an image's note must reach the prompt with its picture. */
  addAlways(block: ContextBlock): void {
    this.remaining -= blockTokens(block);
    this.blocks.push(block);
  }
}

// ── The source ──────────────────────────────────────────────────────────────────────────────

async function referencedBlocks(
  deps: DocumentSourceDeps,
  request: DocumentContextRequest,
  targets: Targets,
  budget: number,
): Promise<ContextBlock[]> {
  const { db, llm } = deps;
  const list = new BlockList(budget);
  for (const doc of targets.skipped) {
    list.add({
      label: `${docName(doc)} (not available)`,
      text: `This document could not be indexed (${doc.error ?? 'unknown reason'}); its content is not available.`,
    });
  }

  // Images first: their notes are short and name the pictures, in the order they are attached.
  const images = targets.docs.filter((d) => d.kind === 'image');
  images.forEach((doc, i) => list.addAlways(imageBlock(doc, i + 1, images.length)));

  const large: ConversationDocument[] = [];
  for (const doc of targets.docs) {
    if (doc.kind === 'image') continue;
    const whole =
      doc.tokenCount <= WHOLE_DOCUMENT_MAX_TOKENS
        ? wholeBlock(db, doc, Math.min(list.remaining, WHOLE_DOCUMENT_MAX_TOKENS + 200))
        : undefined;
    if (!whole || !list.add(whole)) large.push(doc);
  }
  if (large.length === 0) return list.blocks;

  for (const doc of large) {
    const summary = summaryBlock(doc);
    if (summary) list.add(summary);
  }
  const hits = await searchChunks({
    db,
    llm,
    conversationId: request.conversationId,
    documentIds: large.map((d) => d.id),
    query: request.query,
    limit: SEARCH_LIMIT,
  });
  // A referenced document nothing in which matches the question still gets read: its opening.
  const matched = new Set(hits.map((h) => h.documentId));
  const unmatched = large.filter((d) => !matched.has(d.id));
  for (const doc of unmatched) {
    let room = Math.min(LEADING_TOKENS, Math.floor(list.remaining / unmatched.length));
    for (const chunk of retrievalQueries.listDocumentChunks({
      db,
      documentId: doc.id,
      limit: 16,
    })) {
      const block = chunkBlock(chunk);
      const cost = blockTokens(block);
      if (cost > room || !list.add(block, chunk.rowid)) break;
      room -= cost;
    }
  }
  for (const hit of hits) list.add(chunkBlock(hit), hit.rowid);
  // Say so when a referenced document contributed nothing (an empty file, a page with no text).
  for (const doc of large) {
    if (!list.blocks.some((b) => b.label.startsWith(`#doc_${doc.ordinal} `))) {
      list.add({
        label: `${docName(doc)} (no text)`,
        text: 'No text could be extracted from this document, so its content is not shown here.',
      });
    }
  }
  return list.blocks;
}

async function automaticBlocks(
  deps: DocumentSourceDeps,
  request: DocumentContextRequest,
): Promise<ContextBlock[]> {
  const hits = await searchChunks({
    db: deps.db,
    llm: deps.llm,
    conversationId: request.conversationId,
    query: request.query,
    limit: AUTO_MAX_CHUNKS * 2,
  });
  const list = new BlockList(Math.min(AUTO_TOKEN_BUDGET, deps.tokenBudget ?? AUTO_TOKEN_BUDGET));
  let added = 0;
  for (const hit of hits) {
    if (added >= AUTO_MAX_CHUNKS) break;
    const meaningful =
      hit.scores.bm25Rank !== undefined || (hit.scores.cosine ?? -1) >= AUTO_MIN_COSINE;
    if (meaningful && list.add(chunkBlock(hit), hit.rowid)) added++;
  }
  return list.blocks;
}

/** The real documents source, reading `db` and embedding queries through `llm`. */
export function createDocumentContextSource(deps: DocumentSourceDeps): ContextSources['documents'] {
  return async (request) => {
    const docs = documentQueries.listConversationDocuments({
      db: deps.db,
      conversationId: request.conversationId,
      userId: request.userId,
    });
    const explicit = request.documentIds.length > 0 || request.references.length > 0;
    if (!explicit) {
      return docs.some((d) => d.status === 'ready') ? automaticBlocks(deps, request) : [];
    }
    const targets = resolveTargets(docs, request);
    return referencedBlocks(deps, request, targets, deps.tokenBudget ?? DOCUMENTS_TOKEN_BUDGET);
  };
}

// ── `#summary_doc_N` / `#full_doc_N` ────────────────────────────────────────────────────────

export interface DocumentCommand {
  kind: 'summary' | 'full';
  ordinal: number;
}

/**
 * The answer to `#summary_doc_N` (title and stored short summary) or `#full_doc_N` (the whole
 * extracted text, page-marked), read without any model. BAD_REQUEST for an unknown N,
 * PRECONDITION_FAILED while indexing or after a failure.
 */
export function documentCommandText({
  db,
  userId,
  conversationId,
  command,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  command: DocumentCommand;
}): string {
  const docs = documentQueries.listConversationDocuments({ db, conversationId, userId });
  const reference = `#${command.kind}_doc_${command.ordinal}`;
  const doc = documentByOrdinal(docs, command.ordinal, reference);
  assertReady(doc);
  const heading = `**#doc_${doc.ordinal} — ${doc.title}**`;
  if (command.kind === 'summary') {
    const summary = doc.shortSummary?.trim() ?? '';
    return `${heading}\n\n${summary !== '' ? summary : '_No summary is stored for this document._'}`;
  }
  const pages = documentQueries.listPages({ db, documentId: doc.id });
  const body = pages.length > 1 ? pageMarkedText(pages) : pages.map((p) => p.text.trim()).join('');
  return `${heading}\n\n${body || '_No text could be extracted from this document._'}`;
}
