import { documentQueries, type DocumentRow } from '@margin/db';
import { DOCUMENT_LIMITS, type JobEvent } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  RESTART_MESSAGE,
  STOPPED_MESSAGE,
  recoverDocuments,
} from '../services/documents/ingest.js';
import { documentFilePath, documentsDir } from '../services/documents/storage.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

/** The shared fixtures folder: `<repo>/../shared/fixtures`, found by walking up from this file. */
function fixture(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Fixture ${name} not found above this test file`);
    dir = parent;
  }
}

const PAPER = fixture('tracemonkey-pldi-09.pdf');

let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
let conversationId: string;

function setUp(overrides: Parameters<typeof createTestHarness>[0] = {}) {
  return async () => {
    h = createTestHarness(overrides);
    ada = await signUp(h, 'ada@example.com');
    bob = await signUp(h, 'bob@example.com');
    conversationId = insertConversation(h, ada.user.id).id;
  };
}

function form(
  conversation: string,
  name: string,
  content: string | Uint8Array,
  type = '',
): FormData {
  const fd = new FormData();
  fd.set('conversationId', conversation);
  fd.set('file', new File([content], name, { type }));
  return fd;
}

async function follow(client: SignedIn, jobId: string): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const item of await client.client.api.jobs.follow({ jobId })) {
    events.push((item as unknown as [string, JobEvent])[1]);
  }
  await h.services.jobs.settled(jobId);
  return events;
}

async function uploadAndWait(
  name: string,
  content: string | Uint8Array,
  type = '',
): Promise<{ row: DocumentRow; events: JobEvent[] }> {
  const res = await ada.client.api.documents.upload(form(conversationId, name, content, type));
  expect(res.duplicate).toBe(false);
  const events = await follow(ada, res.jobId);
  return { row: docRow(res.documentId), events };
}

function docRow(id: string): DocumentRow {
  const row = documentQueries.findDocument({ db: h.services.db, id });
  if (!row) throw new Error(`document ${id} missing`);
  return row;
}

function count(table: string, where = '1 = 1', ...params: unknown[]): number {
  const row = h.dbHandle.sqlite
    .prepare(`select count(*) as n from ${table} where ${where}`)
    .get(...params) as { n: number };
  return row.n;
}

function ftsHits(phrase: string, documentId?: string): number {
  const rows = h.dbHandle.sqlite
    .prepare(
      `select c.document_id as documentId from document_chunks_fts f
       join document_chunks c on c.rowid = f.rowid
       where document_chunks_fts match ?`,
    )
    .all(`"${phrase}"`) as { documentId: string }[];
  return rows.filter((r) => documentId === undefined || r.documentId === documentId).length;
}

function storedFiles(): string[] {
  const dir = documentsDir(h.services.config.documents.filesDir);
  return existsSync(dir) ? readdirSync(dir) : [];
}

function fileOf(row: DocumentRow): string {
  return documentFilePath(h.services.config.documents.filesDir, row.storageKey);
}

const statusTexts = (events: JobEvent[]) =>
  events.flatMap((e) => (e.type === 'status' ? [e.text] : []));

describe('documents without a model provider', () => {
  beforeEach(setUp());
  afterEach(() => h.close());

  it('indexes a text file: queued → ready, one page, chunks, FTS, heuristic title and summary', async () => {
    const text = `Tracing just-in-time compilers record hot loops.\n\n${'Guards protect every assumption in the trace. '.repeat(40)}`;
    const res = await ada.client.api.documents.upload(form(conversationId, 'notes.txt', text));
    const early = await ada.client.api.documents.get({ id: res.documentId });
    expect(['queued', 'indexing']).toContain(early.status);
    expect(early.jobId).toBe(res.jobId);
    const events = await follow(ada, res.jobId);
    expect(events.at(-1)).toEqual({ type: 'done', messageIds: [] });
    expect(statusTexts(events).some((t) => t.startsWith('Reading notes.txt'))).toBe(true);

    const doc = await ada.client.api.documents.get({ id: res.documentId });
    expect(doc).toMatchObject({
      ordinal: 1,
      kind: 'text',
      filename: 'notes.txt',
      mimeType: expect.stringContaining('text/plain') as string,
      size: new TextEncoder().encode(text).byteLength,
      status: 'ready',
      error: null,
      sourceUrl: null,
      preview: null,
    });
    expect(doc.title.length).toBeGreaterThan(0);
    expect(doc.shortSummary).toMatch(/^Tracing just-in-time compilers record hot loops\./);
    expect(doc.shortSummary?.length).toBeLessThanOrEqual(301);
    expect(doc.chunkCount).toBeGreaterThan(0);
    expect(count('document_pages', 'document_id = ?', doc.id)).toBe(1);
    expect(count('document_chunks', 'document_id = ? and page_start = 1', doc.id)).toBe(
      doc.chunkCount,
    );
    expect(ftsHits('hot loops', doc.id)).toBe(1);
    // No embedding model: no vectors.
    expect(count('document_chunks', 'embedding is not null')).toBe(0);
    // The bytes are stored under the generated key, unchanged.
    expect(readFileSync(fileOf(docRow(doc.id)), 'utf8')).toBe(text);

    const list = await ada.client.api.documents.list({ conversationId });
    expect(list.map((d) => d.id)).toEqual([doc.id]);
  });

  it('indexes Markdown, CSV (with a preview), HTML (title from the page) and JSON', async () => {
    const md = await uploadAndWait('plan.md', '# Project plan\n\nWe build the **parser** first.\n');
    expect(md.row).toMatchObject({ kind: 'markdown', status: 'ready', ordinal: 1 });
    expect(ftsHits('parser first', md.row.id)).toBe(1);

    const csv = await uploadAndWait('scores.csv', 'name,score\nada,10\nbob,7\ncarol,9\n');
    expect(csv.row).toMatchObject({ kind: 'csv', status: 'ready', ordinal: 2 });
    const detail = await ada.client.api.documents.get({ id: csv.row.id });
    expect(detail.preview).toMatchObject({ columns: ['name', 'score'], totalRows: 3 });
    expect(detail.preview?.rows[0]).toEqual(['ada', '10']);

    const html = await uploadAndWait(
      'page.html',
      '<!doctype html><html><head><title>Trace Trees Explained</title></head><body><article><h1>Trace Trees Explained</h1><p>A trace tree grows from a loop header and every side exit becomes a branch of the tree. This paragraph has enough words for a reader view to keep it as the main content of the page.</p><script>alert(1)</script></article></body></html>',
    );
    expect(html.row).toMatchObject({ kind: 'html', status: 'ready', ordinal: 3 });
    expect(html.row.title).toBe('Trace Trees Explained');
    expect(ftsHits('side exit', html.row.id)).toBe(1);
    expect(ftsHits('alert')).toBe(0);

    const json = await uploadAndWait(
      'rows.json',
      '[{"name":"ada","score":10},{"name":"bob","score":7}]',
    );
    expect(json.row).toMatchObject({ kind: 'json', status: 'ready', ordinal: 4 });

    const list = await ada.client.api.documents.list({ conversationId });
    expect(list.map((d) => d.ordinal)).toEqual([1, 2, 3, 4]);
  });

  it('indexes the TraceMonkey paper: pages, chunks with page numbers, FTS, progress events', async () => {
    const bytes = readFileSync(PAPER);
    const { row, events } = await uploadAndWait('tracemonkey-pldi-09.pdf', bytes);
    expect(row).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf', status: 'ready' });
    expect(row.pageCount).toBe(14);
    expect(count('document_pages', 'document_id = ?', row.id)).toBe(14);
    expect(row.chunkCount).toBe(count('document_chunks', 'document_id = ?', row.id));
    expect(row.chunkCount).toBeGreaterThan(14);
    expect(row.tokenCount).toBeGreaterThan(5000);
    // Chunks stay on known pages, in order, and the last one reaches the last page.
    const pages = h.dbHandle.sqlite
      .prepare(
        'select page_start as s, page_end as e from document_chunks where document_id = ? order by position',
      )
      .all(row.id) as { s: number; e: number }[];
    expect(pages.every((p) => p.s >= 1 && p.e <= 14 && p.s <= p.e)).toBe(true);
    expect(pages[0]?.s).toBe(1);
    expect(pages.at(-1)?.e).toBe(14);
    expect(ftsHits('trace trees', row.id)).toBeGreaterThan(0);
    expect(ftsHits('TraceMonkey', row.id)).toBeGreaterThan(0);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ type: 'progress', done: 14, total: 14 });
    expect(row.title.length).toBeGreaterThan(0);
    expect(row.shortSummary).toBeTruthy();
  });

  it('a corrupt PDF fails in the job with a reason; nothing half-indexed is left', async () => {
    const res = await ada.client.api.documents.upload(
      form(
        conversationId,
        'broken.pdf',
        '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage, not a PDF',
      ),
    );
    const events = await follow(ada, res.jobId);
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    const doc = await ada.client.api.documents.get({ id: res.documentId });
    expect(doc.status).toBe('failed');
    expect(doc.error).toBeTruthy();
    expect(last).toEqual({ type: 'error', message: doc.error });
    expect(count('document_chunks', 'document_id = ?', doc.id)).toBe(0);
    // The row and the file stay, so the user sees why and can delete it.
    expect(existsSync(fileOf(docRow(doc.id)))).toBe(true);
  });

  it('refuses up front (BAD_REQUEST, nothing stored): no file, empty, too large, disguised, unsupported', async () => {
    const noFile = new FormData();
    noFile.set('conversationId', conversationId);
    const e1 = await expectTrpcCode(ada.client.api.documents.upload(noFile), 'BAD_REQUEST');
    expect(e1.message).toBe('Choose a file to upload.');

    const noConversation = new FormData();
    noConversation.set('file', new File(['x'], 'a.txt'));
    await expectTrpcCode(ada.client.api.documents.upload(noConversation), 'BAD_REQUEST');

    const e2 = await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'empty.txt', '')),
      'BAD_REQUEST',
    );
    expect(e2.message).toBe('The file is empty.');

    const e3 = await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'text.pdf', 'just some text')),
      'BAD_REQUEST',
    );
    expect(e3.message).toMatch(/named \.pdf but is not really a PDF/);

    const e4 = await expectTrpcCode(
      ada.client.api.documents.upload(
        form(conversationId, 'tool.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0])),
      ),
      'BAD_REQUEST',
    );
    expect(e4.message).toMatch(/program/);

    h.services.config.documents.maxBytes = 1024;
    const e5 = await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'big.txt', 'x'.repeat(1025))),
      'BAD_REQUEST',
    );
    expect(e5.message).toBe('The file is larger than 1 KB.');
    h.services.config.documents.maxBytes = 50 * 1024 * 1024;
    const fine = await ada.client.api.documents.upload(form(conversationId, 'fine.txt', 'ok'));
    await follow(ada, fine.jobId);

    expect(count('documents', "filename != 'fine.txt'")).toBe(0);
    expect(storedFiles()).toHaveLength(1);
  });

  it('an audio file fails with a clear reason when no speech-to-text model is configured', async () => {
    const res = await ada.client.api.documents.upload(form(conversationId, 'memo.wav', wavBytes()));
    await follow(ada, res.jobId);
    expect(docRow(res.documentId)).toMatchObject({ status: 'failed', kind: 'audio' });
    expect(docRow(res.documentId).error).toContain('MODEL_STT');
  });

  it('the 50 MB limit message', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const err = await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'huge.txt', big)),
      'BAD_REQUEST',
    );
    expect(err.message).toBe('The file is larger than 50 MB.');
    expect(count('documents')).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('stores a path-traversal name under a generated key and shows it sanitised', async () => {
    const { row } = await uploadAndWait('../../etc/passwd.txt', 'root:x:0:0');
    expect(row.filename).toBe('passwd.txt');
    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(storedFiles()).toEqual([row.storageKey]);
    expect(fileOf(row).startsWith(documentsDir(h.services.config.documents.filesDir))).toBe(true);
    const doc = await ada.client.api.documents.get({ id: row.id });
    expect(doc.filename).toBe('passwd.txt');
  });

  it('de-duplicates the same bytes within a conversation (not across conversations)', async () => {
    const first = await uploadAndWait('a.txt', 'identical bytes');
    const again = await ada.client.api.documents.upload(
      form(conversationId, 'renamed.txt', 'identical bytes'),
    );
    expect(again).toEqual({ documentId: first.row.id, jobId: first.row.jobId, duplicate: true });
    expect(count('documents')).toBe(1);
    expect(storedFiles()).toHaveLength(1);

    const other = insertConversation(h, ada.user.id).id;
    const elsewhere = await ada.client.api.documents.upload(
      form(other, 'a.txt', 'identical bytes'),
    );
    expect(elsewhere.duplicate).toBe(false);
    await follow(ada, elsewhere.jobId);
    expect(count('documents')).toBe(2);
    expect(storedFiles()).toHaveLength(2);
  });

  it('re-uploading a document that failed retries it', async () => {
    const bad = '%PDF-1.4\nnot really';
    const res = await ada.client.api.documents.upload(form(conversationId, 'x.pdf', bad));
    await follow(ada, res.jobId);
    expect(docRow(res.documentId).status).toBe('failed');
    const again = await ada.client.api.documents.upload(form(conversationId, 'x.pdf', bad));
    expect(again.duplicate).toBe(true);
    expect(again.documentId).toBe(res.documentId);
    expect(again.jobId).not.toBe(res.jobId);
    await follow(ada, again.jobId);
    expect(count('documents')).toBe(1);
  });

  it('another user’s ids look missing on every procedure', async () => {
    const { row } = await uploadAndWait('mine.txt', 'private notes of ada');
    const bobs = bob.client.api.documents;
    await expectTrpcCode(bobs.upload(form(conversationId, 'x.txt', 'hello')), 'NOT_FOUND');
    await expectTrpcCode(
      bobs.addUrl({ conversationId, url: 'https://example.com/x.html' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(bobs.list({ conversationId }), 'NOT_FOUND');
    const missing = await expectTrpcCode(bobs.get({ id: 'no-such-document' }), 'NOT_FOUND');
    const foreign = await expectTrpcCode(bobs.get({ id: row.id }), 'NOT_FOUND');
    expect(foreign.message).toBe(missing.message);
    await expectTrpcCode(bobs.delete({ id: row.id }), 'NOT_FOUND');
    await expectTrpcCode(bobs.reindex({ id: row.id }), 'NOT_FOUND');
    expect(count('documents')).toBe(1);
    expect(docRow(row.id).status).toBe('ready');
    await expectTrpcCode(h.client().api.documents.list({ conversationId }), 'UNAUTHORIZED');
  });

  it('delete removes rows, chunks, FTS rows and the file, and renumbers later documents', async () => {
    const a = await uploadAndWait('a.txt', 'alpha zebra document one');
    const b = await uploadAndWait('b.txt', 'bravo yak document two');
    const c = await uploadAndWait('c.txt', 'charlie xerus document three');
    const d = await uploadAndWait('d.txt', 'delta walrus document four');
    expect(ftsHits('yak')).toBe(1);

    await ada.client.api.documents.delete({ id: b.row.id });
    const list = await ada.client.api.documents.list({ conversationId });
    expect(list.map((x) => [x.id, x.ordinal])).toEqual([
      [a.row.id, 1],
      [c.row.id, 2],
      [d.row.id, 3],
    ]);
    expect(count('documents', 'id = ?', b.row.id)).toBe(0);
    expect(count('document_pages', 'document_id = ?', b.row.id)).toBe(0);
    expect(count('document_chunks', 'document_id = ?', b.row.id)).toBe(0);
    expect(ftsHits('yak')).toBe(0);
    expect(ftsHits('walrus')).toBe(1);
    expect(existsSync(fileOf(b.row))).toBe(false);
    expect(storedFiles()).toHaveLength(3);

    await ada.client.api.documents.delete({ id: a.row.id });
    expect((await ada.client.api.documents.list({ conversationId })).map((x) => x.ordinal)).toEqual(
      [1, 2],
    );
    // A new document goes after the last one.
    const e = await uploadAndWait('e.txt', 'echo document five');
    expect(e.row.ordinal).toBe(3);
    await expectTrpcCode(ada.client.api.documents.delete({ id: a.row.id }), 'NOT_FOUND');
  });

  it('reindex rebuilds the text; refuses while indexing', async () => {
    const { row } = await uploadAndWait('r.txt', 'reindex me please');
    const chunkRowids = h.dbHandle.sqlite
      .prepare('select rowid from document_chunks where document_id = ?')
      .all(row.id);
    const { jobId } = await ada.client.api.documents.reindex({ id: row.id });
    expect(jobId).not.toBe(row.jobId);
    await expectTrpcCode(ada.client.api.documents.reindex({ id: row.id }), 'CONFLICT');
    const events = await follow(ada, jobId);
    expect(events.at(-1)?.type).toBe('done');
    const after = docRow(row.id);
    expect(after).toMatchObject({ status: 'ready', jobId, chunkCount: row.chunkCount });
    expect(count('document_pages', 'document_id = ?', row.id)).toBe(1);
    expect(
      h.dbHandle.sqlite
        .prepare('select rowid from document_chunks where document_id = ?')
        .all(row.id),
    ).not.toEqual(chunkRowids);
    expect(ftsHits('reindex me', row.id)).toBe(1);
  });

  it('cancelling the job fails the document with "Indexing was stopped"; delete stops a running job', async () => {
    const bytes = readFileSync(PAPER);
    const res = await ada.client.api.documents.upload(form(conversationId, 'paper.pdf', bytes));
    await ada.client.api.cancellations.cancel({ jobId: res.jobId });
    const events = await follow(ada, res.jobId);
    expect(events.at(-1)).toEqual({ type: 'cancelled' });
    expect(docRow(res.documentId)).toMatchObject({ status: 'failed', error: STOPPED_MESSAGE });
    expect(count('document_chunks')).toBe(0);

    const { jobId } = await ada.client.api.documents.reindex({ id: res.documentId });
    await ada.client.api.documents.delete({ id: res.documentId });
    expect(h.services.jobs.isLive(jobId)).toBe(false);
    expect(count('documents')).toBe(0);
    expect(count('document_chunks')).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('limits the documents per conversation', async () => {
    const { db } = h.services;
    for (let i = 1; i <= DOCUMENT_LIMITS.perConversation; i++) {
      documentQueries.insertDocument({
        db,
        document: {
          conversationId,
          userId: ada.user.id,
          ordinal: i,
          kind: 'text',
          title: `t${i}`,
          filename: `t${i}.txt`,
          mimeType: 'text/plain',
          size: 1,
          sha256: `sha${i}`,
          storageKey: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          status: 'ready',
        },
      });
    }
    const err = await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'one-more.txt', 'more')),
      'BAD_REQUEST',
    );
    expect(err.message).toMatch(/already has 200 documents/);
    await expectTrpcCode(
      ada.client.api.documents.addUrl({ conversationId, url: 'https://example.com/' }),
      'BAD_REQUEST',
    );
    expect(storedFiles()).toHaveLength(0);
  });

  it('rate-limits adding documents', async () => {
    for (let i = 0; i < 30; i++) {
      await expectTrpcCode(
        ada.client.api.documents.upload(form(conversationId, 'e.txt', '')),
        'BAD_REQUEST',
      );
    }
    await expectTrpcCode(
      ada.client.api.documents.upload(form(conversationId, 'e.txt', 'x')),
      'TOO_MANY_REQUESTS',
    );
    // Per user: Bob is not affected.
    const bobConversation = insertConversation(h, bob.user.id).id;
    const ok = await bob.client.api.documents.upload(form(bobConversation, 'b.txt', 'bob'));
    await follow(bob, ok.jobId);
  });

  it('deleting the conversation removes documents, chunks, FTS rows and files', async () => {
    await uploadAndWait('a.txt', 'conversation scoped aardvark');
    await uploadAndWait('b.txt', 'conversation scoped badger');
    const other = insertConversation(h, ada.user.id).id;
    const keep = await ada.client.api.documents.upload(form(other, 'k.txt', 'kept kangaroo'));
    await follow(ada, keep.jobId);
    expect(storedFiles()).toHaveLength(3);

    await ada.client.api.conversations.delete({ id: conversationId });
    expect(count('documents')).toBe(1);
    expect(count('document_pages')).toBe(1);
    expect(count('document_chunks', 'document_id != ?', keep.documentId)).toBe(0);
    expect(ftsHits('aardvark')).toBe(0);
    expect(ftsHits('kangaroo')).toBe(1);
    expect(storedFiles()).toEqual([docRow(keep.documentId).storageKey]);
  });

  it('cloning copies documents (rows, pages, chunks, files) and the copy is independent', async () => {
    const a = await uploadAndWait('a.txt', 'original alpha anteater');
    const b = await uploadAndWait('b.txt', 'original bravo bison');
    const clone = await ada.client.api.conversations.clone({ id: conversationId });
    const copies = await ada.client.api.documents.list({ conversationId: clone.id });
    expect(copies.map((d) => [d.ordinal, d.filename, d.status])).toEqual([
      [1, 'a.txt', 'ready'],
      [2, 'b.txt', 'ready'],
    ]);
    const copyA = docRow(copies[0]?.id ?? '');
    expect(copyA.id).not.toBe(a.row.id);
    expect(copyA.storageKey).not.toBe(a.row.storageKey);
    expect(readFileSync(fileOf(copyA), 'utf8')).toBe('original alpha anteater');
    expect(count('document_chunks', 'conversation_id = ?', clone.id)).toBe(
      a.row.chunkCount + b.row.chunkCount,
    );
    expect(count('document_pages', 'document_id = ?', copyA.id)).toBe(1);
    expect(ftsHits('anteater')).toBe(2);
    expect(storedFiles()).toHaveLength(4);

    // Independent: deleting in the clone leaves the source alone, and vice versa.
    await ada.client.api.documents.delete({ id: copyA.id });
    expect(existsSync(fileOf(a.row))).toBe(true);
    expect(ftsHits('anteater', a.row.id)).toBe(1);
    await ada.client.api.conversations.delete({ id: conversationId });
    const left = await ada.client.api.documents.list({ conversationId: clone.id });
    expect(left.map((d) => [d.ordinal, d.filename])).toEqual([[1, 'b.txt']]);
    expect(readFileSync(fileOf(docRow(left[0]?.id ?? '')), 'utf8')).toBe('original bravo bison');
    expect(storedFiles()).toHaveLength(1);
  });

  it('a shared conversation lists its ready documents and nothing private', async () => {
    const { row } = await uploadAndWait('shared.txt', 'shared text');
    const { token } = await ada.client.api.conversations.share({ id: conversationId });
    const shared = await h.client().api.conversations.getShared({ token });
    expect(shared.documents).toEqual([
      { id: row.id, ordinal: 1, title: row.title, filename: 'shared.txt', mimeType: row.mimeType },
    ]);
  });

  it('start-up recovery fails interrupted documents and removes orphaned files', async () => {
    const { row } = await uploadAndWait('ok.txt', 'fine');
    documentQueries.updateDocument({
      db: h.services.db,
      id: row.id,
      changes: { status: 'indexing' },
    });
    const orphan = join(documentsDir(h.services.config.documents.filesDir), randomUUID());
    const partial = `${fileOf(row)}.${randomUUID()}.partial`;
    for (const p of [orphan, partial]) writeFileSync(p, 'x');
    const result = recoverDocuments({
      db: h.services.db,
      filesDir: h.services.config.documents.filesDir,
    });
    expect(result).toEqual({ failed: 1, removedFiles: 2 });
    expect(docRow(row.id)).toMatchObject({ status: 'failed', error: RESTART_MESSAGE });
    expect(storedFiles()).toEqual([row.storageKey]);
  });

  it('a shutdown while indexing marks the document for re-indexing', async () => {
    const res = await ada.client.api.documents.upload(
      form(conversationId, 'paper.pdf', readFileSync(PAPER)),
    );
    await h.services.jobs.shutdown();
    expect(docRow(res.documentId)).toMatchObject({ status: 'failed', error: RESTART_MESSAGE });
  });
});

describe('documents with a fake model provider', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await setUp({ llm: fakeLlmConfig(fake.url) })();
  });
  afterEach(() => h.close());

  it('stores embeddings in batches with progress, and a title and summary from the fast model', async () => {
    fake.script({
      content: '<title>Notes on tracing</title><summary>How a tracing JIT records loops.</summary>',
    });
    const text = Array.from(
      { length: 300 },
      (_, i) => `Sentence number ${i} talks about tracing compilers and loop guards.`,
    ).join(' ');
    const { row, events } = await uploadAndWait('long.txt', text);
    expect(row).toMatchObject({
      status: 'ready',
      title: 'Notes on tracing',
      shortSummary: 'How a tracing JIT records loops.',
    });
    expect(row.chunkCount).toBeGreaterThan(1);
    expect(count('document_chunks', 'document_id = ? and embedding is null', row.id)).toBe(0);
    const blob = h.dbHandle.sqlite
      .prepare('select embedding from document_chunks where document_id = ? limit 1')
      .get(row.id) as { embedding: Buffer };
    expect(blob.embedding.byteLength).toBe(384 * 4);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toEqual({
      type: 'progress',
      done: row.chunkCount,
      total: row.chunkCount,
    });
    expect(statusTexts(events)).toContain('Computing embeddings…');
    expect(statusTexts(events)).toContain('Writing a title and summary…');
    const chat = fake.chatRequests()[0];
    expect(chat?.model).toBe('fake-fast');
    expect(JSON.stringify(chat?.messages)).toContain('Sentence number 0');
    const embedRequests = fake.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embedRequests.length).toBe(Math.ceil(row.chunkCount / 64));
  });

  it('falls back to heuristics when the models fail; the document is still ready', async () => {
    fake.failNext('embeddings', { status: 400, errorMessage: 'bad input' });
    fake.script({ status: 400, errorMessage: 'nope' });
    const { row, events } = await uploadAndWait('f.txt', 'Fallback text about guards.');
    expect(row).toMatchObject({ status: 'ready', shortSummary: 'Fallback text about guards.' });
    expect(row.title.length).toBeGreaterThan(0);
    expect(statusTexts(events).some((t) => t.startsWith('Embeddings failed'))).toBe(true);
    expect(count('document_chunks', 'embedding is not null')).toBe(0);
  });

  it('transcribes an audio file with the speech-to-text model and indexes the transcript', async () => {
    fake.setTranscription('Today we discuss trace trees and loop guards.');
    const { row } = await uploadAndWait('lecture.wav', wavBytes());
    expect(row).toMatchObject({ status: 'ready', kind: 'audio' });
    expect(ftsHits('trace trees', row.id)).toBe(1);
    const stt = fake.requests.filter((r) => r.path === '/v1/audio/transcriptions');
    expect(stt).toHaveLength(1);
  });

  it('reindex is refused while the job runs (slow summary), then succeeds', async () => {
    fake.script({ content: '<title>Slow</title><summary>Slow.</summary>', delayMs: 400 });
    const res = await ada.client.api.documents.upload(form(conversationId, 's.txt', 'slow one'));
    await expectTrpcCode(ada.client.api.documents.reindex({ id: res.documentId }), 'CONFLICT');
    await follow(ada, res.jobId);
    expect(docRow(res.documentId).title).toBe('Slow');
    const { jobId } = await ada.client.api.documents.reindex({ id: res.documentId });
    await follow(ada, jobId);
    expect(docRow(res.documentId).status).toBe('ready');
  });
});

describe('documents.addUrl', () => {
  let site: Server;
  let siteUrl: string;
  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === '/article.html') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(
          '<!doctype html><html><head><title>Local Article</title></head><body><article><h1>Local Article</h1><p>The quick brown fox jumps over the lazy dog near the riverbank, and this sentence is long enough to be kept as content.</p></article></body></html>',
        );
        return;
      }
      res.statusCode = 404;
      res.end('missing');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));
  afterEach(() => h.close());

  it('fetches inside the job when private addresses are allowed: stored, detected, indexed', async () => {
    await setUp()();
    h.services.config.documents.allowPrivateUrls = true;
    const url = `${siteUrl}/article.html`;
    const res = await ada.client.api.documents.addUrl({ conversationId, url });
    expect(res.duplicate).toBe(false);
    const queued = docRow(res.documentId);
    expect(queued).toMatchObject({ sourceUrl: url, size: 0, kind: 'html' });
    const events = await follow(ada, res.jobId);
    expect(events.at(-1)?.type).toBe('done');
    expect(statusTexts(events)[0]).toMatch(/^Fetching 127\.0\.0\.1:\d+…$/);
    const row = docRow(res.documentId);
    expect(row).toMatchObject({ status: 'ready', kind: 'html', title: 'Local Article' });
    expect(row.mimeType).toContain('text/html');
    expect(row.size).toBeGreaterThan(100);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(fileOf(row), 'utf8')).toContain('quick brown fox');
    expect(ftsHits('lazy dog', row.id)).toBe(1);

    // The same address again is the same document.
    const again = await ada.client.api.documents.addUrl({ conversationId, url });
    expect(again).toEqual({ documentId: res.documentId, jobId: res.jobId, duplicate: true });

    // A 404 fails the document with a reason.
    const missing = await ada.client.api.documents.addUrl({
      conversationId,
      url: `${siteUrl}/gone.html`,
    });
    await follow(ada, missing.jobId);
    expect(docRow(missing.documentId)).toMatchObject({ status: 'failed', ordinal: 2 });
    expect(docRow(missing.documentId).error).toBeTruthy();
  });

  it('refuses loopback addresses by default: the document fails with the reason', async () => {
    await setUp()();
    const res = await ada.client.api.documents.addUrl({
      conversationId,
      url: `${siteUrl}/article.html`,
    });
    const events = await follow(ada, res.jobId);
    expect(events.at(-1)?.type).toBe('error');
    const row = docRow(res.documentId);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/private|local|loopback|internal/i);
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses non-http schemes and credentials up front, and when URL adding is off', async () => {
    await setUp()();
    await expectTrpcCode(
      ada.client.api.documents.addUrl({ conversationId, url: 'file:///etc/passwd' }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      ada.client.api.documents.addUrl({ conversationId, url: 'https://u:p@example.com/' }),
      'BAD_REQUEST',
    );
    h.services.config.urlUploadEnabled = false;
    await expectTrpcCode(
      ada.client.api.documents.addUrl({ conversationId, url: 'https://example.com/' }),
      'FORBIDDEN',
    );
    expect(count('documents')).toBe(0);
  });
});

/** A valid, silent 8 kHz mono WAV (RIFF header + a few samples). */
function wavBytes(): Uint8Array {
  const samples = 800;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(8000, 24);
  buf.writeUInt32LE(16000, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(buf);
}
