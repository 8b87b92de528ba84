import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentContextRequest } from '../chat/context-sources.js';
import { countTokens } from '../chat/tokens.js';
import { insertDocumentFixture, insertImageFixture } from '../../testing/documents.js';
import { expectTrpcCode } from '../../testing/expect-trpc.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../testing/fake-openai.js';
import { insertConversation, signUp, type SignedIn } from '../../testing/fixtures.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../../testing/harness.js';
import {
  AUTO_MAX_CHUNKS,
  blockTokens,
  createDocumentContextSource,
  documentCommandText,
  DOCUMENTS_TOKEN_BUDGET,
} from './context-source.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let conversationId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

const source = () => createDocumentContextSource({ db: h.services.db, llm: h.services.llm });
const ask = (query: string, extra: Partial<DocumentContextRequest> = {}) =>
  source()({
    userId: ada.user.id,
    conversationId,
    query,
    documentIds: [],
    references: [...query.matchAll(/#(?:doc_\d+|doc_all)/g)].map((m) => m[0]),
    ...extra,
  });

const small = (title = 'Notes') =>
  insertDocumentFixture(h, {
    userId: ada.user.id,
    conversationId,
    title,
    pages: ['Trace trees record hot loops.', 'Guards exit to the interpreter.'],
  });

/** 100 chunks of ~400 tokens, one of which mentions the deoptimisation storm. */
function big(title = 'Big book') {
  // "interpreter" in 40% of the chunks: common, but still telling (BM25 ignores words in most).
  const filler = (i: number) =>
    `Section ${i}. ${`The ${i % 5 < 2 ? 'interpreter' : 'machine'} executes bytecode one instruction at a time while profiling counters warm up. `.repeat(25)}`;
  return insertDocumentFixture(h, {
    userId: ada.user.id,
    conversationId,
    title,
    shortSummary: 'A long book about virtual machines.',
    chunks: Array.from({ length: 100 }, (_, i) => ({
      text:
        i === 57
          ? `A deoptimisation storm happens when guards keep failing. ${filler(i)}`
          : filler(i),
      pageStart: i + 1,
      pageEnd: i === 57 ? 59 : i + 1,
    })),
  });
}

const totalTokens = (blocks: { label: string; text: string }[]) =>
  blocks.reduce((n, b) => n + blockTokens(b), 0);

describe('documents context source', () => {
  it('includes a small referenced document whole, page-marked, labelled for citation', async () => {
    small('Notes');
    const blocks = await ask('Explain #doc_1');
    expect(blocks).toEqual([
      {
        label: '#doc_1 "Notes" p.1–2 (whole document)',
        text: '[p.1] Trace trees record hot loops.\n\n[p.2] Guards exit to the interpreter.',
      },
    ]);
  });

  it('rejects an unknown #doc_N, naming how many documents there are', async () => {
    small();
    small();
    const err = await expectTrpcCode(ask('What about #doc_9?'), 'BAD_REQUEST');
    expect(err.message).toBe('There is no #doc_9 in this conversation (it has 2 documents).');
    const none = insertConversation(h, ada.user.id).id;
    const err2 = await expectTrpcCode(ask('#doc_1', { conversationId: none }), 'BAD_REQUEST');
    expect(err2.message).toBe('There is no #doc_1 in this conversation (it has no documents).');
  });

  it('refuses a document still indexing, or one that failed, with the reason', async () => {
    small();
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      status: 'indexing',
      title: 'Slides',
    });
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      status: 'failed',
      error: 'The PDF is encrypted',
      title: 'Locked',
    });
    const indexing = await expectTrpcCode(ask('#doc_2 summary'), 'PRECONDITION_FAILED');
    expect(indexing.message).toContain('#doc_2 "Slides" is still being indexed');
    const failed = await expectTrpcCode(ask('#doc_3 summary'), 'PRECONDITION_FAILED');
    expect(failed.message).toContain('The PDF is encrypted');
    await expectTrpcCode(ask('#doc_all'), 'PRECONDITION_FAILED');
  });

  it('#doc_all reads every ready document and says which failed', async () => {
    small('One');
    small('Two');
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      status: 'failed',
      error: 'Unsupported file',
      title: 'Bad',
    });
    const blocks = await ask('Compare #doc_all');
    expect(blocks.map((b) => b.label)).toEqual([
      '#doc_3 "Bad" (not available)',
      '#doc_1 "One" p.1–2 (whole document)',
      '#doc_2 "Two" p.1–2 (whole document)',
    ]);
    expect(blocks[0]?.text).toContain('Unsupported file');
  });

  it('takes documents chosen in the composer, and only the user’s own', async () => {
    small('One');
    const two = small('Two');
    const blocks = await ask('What do they say?', { documentIds: [two.id], references: [] });
    expect(blocks.map((b) => b.label)).toEqual(['#doc_2 "Two" p.1–2 (whole document)']);

    const bob = await signUp(h, 'bob@example.com');
    const bobsConversation = insertConversation(h, bob.user.id).id;
    const secret = insertDocumentFixture(h, {
      userId: bob.user.id,
      conversationId: bobsConversation,
      pages: ['Bob’s secret plans.'],
    });
    const err = await expectTrpcCode(
      ask('read it', { documentIds: [secret.id], references: [] }),
      'NOT_FOUND',
    );
    expect(err.message).not.toContain('secret');
    // Bob's conversation id with Ada's user id: none of its documents are visible.
    await expectTrpcCode(ask('#doc_1', { conversationId: bobsConversation }), 'BAD_REQUEST');
  });

  it('fills a big document with its summary and the best chunks within the budget', async () => {
    const doc = big();
    const blocks = await ask('What is a deoptimisation storm in the interpreter of #doc_1?');
    expect(doc.tokenCount).toBeGreaterThan(DOCUMENTS_TOKEN_BUDGET * 2);
    expect(blocks[0]).toEqual({
      label: '#doc_1 "Big book" (summary)',
      text: 'A long book about virtual machines.',
    });
    expect(blocks[1]?.label).toBe('#doc_1 "Big book" p.58–59');
    expect(blocks[1]?.text.startsWith('[p.58–59] A deoptimisation storm')).toBe(true);
    expect(totalTokens(blocks)).toBeLessThanOrEqual(DOCUMENTS_TOKEN_BUDGET);
    // Filled, not just the best match: the other chunks mention the interpreter.
    expect(totalTokens(blocks)).toBeGreaterThan(DOCUMENTS_TOKEN_BUDGET / 2);
    const custom = await createDocumentContextSource({
      db: h.services.db,
      llm: h.services.llm,
      tokenBudget: 1000,
    })({
      userId: ada.user.id,
      conversationId,
      query: 'deoptimisation storm',
      documentIds: [doc.id],
      references: [],
    });
    expect(totalTokens(custom)).toBeLessThanOrEqual(1000);
    expect(custom.some((b) => b.text.includes('deoptimisation storm'))).toBe(true);
  });

  it('reads the opening of a referenced document nothing in which matches', async () => {
    big();
    const blocks = await ask('#doc_1 summarise');
    expect(blocks[0]?.label).toBe('#doc_1 "Big book" (summary)');
    expect(blocks[1]?.label).toBe('#doc_1 "Big book" p.1');
    expect(totalTokens(blocks)).toBeLessThanOrEqual(2_100);
  });

  it('says when a referenced document has no text', async () => {
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      title: 'photo.png',
      pages: [],
    });
    expect(await ask('What is in #doc_1?')).toEqual([
      {
        label: '#doc_1 "photo.png" (no text)',
        text: 'No text could be extracted from this document, so its content is not shown here.',
      },
    ]);
  });

  it('gives a referenced image a short note carrying its picture, first', async () => {
    small('Notes');
    const image = await insertImageFixture(h, { userId: ada.user.id, conversationId });
    const blocks = await ask('Compare #doc_1 with #doc_2');
    expect(blocks[0]).toEqual({
      label: '#doc_2 "photo.png" (image)',
      text: 'The image attached to this message. Cite it as [#doc_2].',
      image: {
        documentId: image.id,
        ordinal: 2,
        title: 'photo.png',
        mimeType: 'image/png',
        storageKey: image.storageKey,
      },
    });
    expect(blocks[1]?.label).toBe('#doc_1 "Notes" p.1–2 (whole document)');
  });

  it('retrieves automatically, modestly, only when something matches', async () => {
    big();
    small('Notes');
    expect(await ask('What is the capital of France?')).toEqual([]);
    const blocks = await ask('Why do guards fail in a deoptimisation storm?');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(AUTO_MAX_CHUNKS);
    expect(blocks[0]?.text).toContain('deoptimisation storm');
    expect(totalTokens(blocks)).toBeLessThanOrEqual(3_000);
    // No documents at all: nothing, and no query runs.
    const empty = insertConversation(h, ada.user.id).id;
    expect(await ask('anything', { conversationId: empty })).toEqual([]);
  });
});

describe('documentCommandText', () => {
  it('gives the stored summary or the full page-marked text, and validates N', () => {
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      title: 'Notes',
      shortSummary: 'About trace trees.',
      pages: ['Page one.', 'Page two.'],
    });
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, status: 'queued' });
    const run = (kind: 'summary' | 'full', ordinal: number) => () =>
      documentCommandText({
        db: h.services.db,
        userId: ada.user.id,
        conversationId,
        command: { kind, ordinal },
      });
    expect(run('summary', 1)()).toBe('**#doc_1 — Notes**\n\nAbout trace trees.');
    expect(run('full', 1)()).toBe('**#doc_1 — Notes**\n\n[p.1] Page one.\n\n[p.2] Page two.');
    expect(run('full', 3)).toThrow(
      'There is no #full_doc_3 in this conversation (it has 2 documents).',
    );
    expect(run('summary', 2)).toThrow('still being indexed');
    expect(countTokens(run('full', 1)())).toBeGreaterThan(0);
  });
});
