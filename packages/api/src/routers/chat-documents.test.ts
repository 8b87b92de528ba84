/**
 * Documents in chat: `#doc_N`, `#doc_all`, composer selections and automatic retrieval reach the
 * provider's prompt with the citation instruction; bad references fail before any write;
 * `#summary_doc_N` / `#full_doc_N` answer from storage without a model.
 */
import { asc, eq, messages } from '@margin/db';
import type { JobEvent } from '@margin/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CITATION_INSTRUCTION } from '../services/chat/prompt.js';
import { countTokens } from '../services/chat/tokens.js';
import { insertDocumentFixture } from '../testing/documents.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';

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
  fake.setDefaultResponder((body) =>
    body.model === 'fake-fast'
      ? { content: '<title>Docs</title><summary>Read documents.</summary>' }
      : { content: 'Answer [#doc_1 p.2].' },
  );
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

const rows = (id = conversationId) =>
  h.services.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, id))
    .orderBy(asc(messages.position))
    .all();

/** The user message the chat model received last (the one carrying context). */
function promptSent(): string {
  const request = fake
    .chatRequests()
    .filter((r) => r.model === 'fake-chat')
    .at(-1);
  const last = request?.messages.at(-1)?.content;
  return typeof last === 'string' ? last : '';
}

/** The Documents section of the prompt (up to the question). */
function documentsSection(prompt: string): string {
  const start = prompt.indexOf('## Documents');
  const end = prompt.indexOf('## Question');
  return start >= 0 ? prompt.slice(start, end) : '';
}

async function send(text: string, documentIds?: string[]) {
  const sent = await ada.client.api.chat.send({
    conversationId,
    text,
    options: documentIds ? { documentIds } : undefined,
  });
  await h.services.jobs.settled(sent.jobId);
  return sent;
}

async function follow(jobId: string): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const item of await ada.client.api.jobs.follow({ jobId })) {
    const [, data] = item as unknown as [string, JobEvent];
    events.push(data);
  }
  return events;
}

const notes = () =>
  insertDocumentFixture(h, {
    userId: ada.user.id,
    conversationId,
    title: 'JIT notes',
    shortSummary: 'Notes on tracing JITs.',
    pages: ['Trace trees record hot loops.', 'Guards exit to the interpreter on a type change.'],
  });

function bigBook() {
  const filler = (i: number) =>
    `Chapter ${i}. ${'The interpreter profiles loops and the compiler emits machine code for guards. '.repeat(30)}`;
  return insertDocumentFixture(h, {
    userId: ada.user.id,
    conversationId,
    title: 'VM book',
    shortSummary: 'A book on virtual machines.',
    chunks: Array.from({ length: 100 }, (_, i) => ({
      text: i === 42 ? `Megamorphic call sites defeat inline caches. ${filler(i)}` : filler(i),
      pageStart: i + 1,
    })),
  });
}

describe('documents in chat', () => {
  it('#doc_N puts the retrieved text and the citation instruction in the prompt', async () => {
    notes();
    const book = bigBook();
    await send('Why do megamorphic call sites hurt, according to #doc_2?');
    const prompt = promptSent();
    expect(prompt).toContain(CITATION_INSTRUCTION);
    expect(prompt).toContain(
      '### #doc_2 "VM book" p.43\n[p.43] Megamorphic call sites defeat inline caches.',
    );
    expect(prompt).toContain('A book on virtual machines.');
    expect(prompt).not.toContain('Trace trees record hot loops.');
    expect(book.id).toBeTruthy();
    expect(rows().map((r) => [r.role, r.content])).toEqual([
      ['user', 'Why do megamorphic call sites hurt, according to #doc_2?'],
      ['assistant', 'Answer [#doc_1 p.2].'],
    ]);
  });

  it('keeps a big document within the documents budget of the model’s window', async () => {
    bigBook();
    await send('Explain guards and loops in #doc_1');
    const section = documentsSection(promptSent());
    // fake-chat: 16k window − 4k answer reserve = 12k prompt budget; documents get 35%.
    expect(countTokens(section)).toBeLessThanOrEqual(Math.floor(12_000 * 0.35) + 10);
    expect(countTokens(section)).toBeGreaterThan(2_000);
    expect(section).toContain('### #doc_1 "VM book" p.');
  });

  it('includes a small document whole with page markers', async () => {
    notes();
    await send('Summarise #doc_1');
    expect(promptSent()).toContain(
      '### #doc_1 "JIT notes" p.1–2 (whole document)\n[p.1] Trace trees record hot loops.\n\n[p.2] Guards exit to the interpreter on a type change.',
    );
  });

  it('#doc_all and composer selections choose what is read', async () => {
    notes();
    const second = insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      title: 'Glossary',
      pages: ['A guard is a runtime check.'],
    });
    await send('Compare #doc_all');
    let prompt = promptSent();
    expect(prompt).toContain('Trace trees record hot loops.');
    expect(prompt).toContain('A guard is a runtime check.');
    fake.reset();
    await send('What is a guard?', [second.id]);
    prompt = promptSent();
    expect(prompt).toContain('### #doc_2 "Glossary" p.1 (whole document)');
    expect(prompt).not.toContain('Trace trees record hot loops.');
  });

  it('retrieves automatically when a document matches, and not otherwise', async () => {
    notes();
    await send('What happens when guards exit?');
    expect(promptSent()).toContain('Guards exit to the interpreter on a type change.');
    expect(promptSent()).toContain(CITATION_INSTRUCTION);
    fake.reset();
    await send('What is the capital of France?');
    expect(promptSent()).not.toContain('## Documents');
  });

  it('rejects an unknown #doc_N before writing anything', async () => {
    notes();
    const err = await expectTrpcCode(send('Explain #doc_9'), 'BAD_REQUEST');
    expect(err.message).toBe('There is no #doc_9 in this conversation (it has 1 document).');
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });

  it('refuses a document that is still indexing', async () => {
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      status: 'indexing',
      title: 'Slides',
    });
    const err = await expectTrpcCode(send('Read #doc_1'), 'PRECONDITION_FAILED');
    expect(err.message).toContain('#doc_1 "Slides" is still being indexed');
    expect(rows()).toEqual([]);
  });

  it('never reads another user’s document', async () => {
    const bob = await signUp(h, 'bob@example.com');
    const bobsConversation = insertConversation(h, bob.user.id).id;
    const secret = insertDocumentFixture(h, {
      userId: bob.user.id,
      conversationId: bobsConversation,
      title: 'Private',
      pages: ['Bob keeps his launch codes here.'],
    });
    const err = await expectTrpcCode(send('What does it say?', [secret.id]), 'NOT_FOUND');
    expect(err.message).not.toContain('launch codes');
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
    // Automatic retrieval in Ada's conversation does not see Bob's chunks either.
    await send('launch codes');
    expect(promptSent()).not.toContain('launch codes here');
  });
});

describe('#summary_doc_N and #full_doc_N', () => {
  it('streams the stored summary as the answer, without a model, and saves the turn', async () => {
    notes();
    const sent = await ada.client.api.chat.send({ conversationId, text: '#summary_doc_1' });
    const events = await follow(sent.jobId);
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(text).toBe('**#doc_1 — JIT notes**\n\nNotes on tracing JITs.');
    expect(events.at(-1)).toEqual({ type: 'done', messageIds: sent.assistantMessageIds });
    await h.services.jobs.settled(sent.jobId);
    expect(fake.chatRequests()).toEqual([]);
    expect(rows().map((r) => [r.role, r.content, r.status, r.model])).toEqual([
      ['user', '#summary_doc_1', 'complete', null],
      ['assistant', text, 'complete', null],
    ]);
    expect(sent.assistantMessageIds).toEqual([rows()[1]?.id]);
  });

  it('streams a long full text in a few big deltas', async () => {
    const pages = Array.from(
      { length: 30 },
      (_, i) => `Page ${i + 1}. ${'lorem ipsum '.repeat(800)}`,
    );
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, title: 'Long', pages });
    const sent = await ada.client.api.chat.send({ conversationId, text: '#full_doc_1' });
    const events = await follow(sent.jobId);
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.length).toBeLessThanOrEqual(8);
    const text = deltas.join('');
    expect(text.startsWith('**#doc_1 — Long**\n\n[p.1] Page 1.')).toBe(true);
    expect(text).toContain('[p.30] Page 30.');
    await h.services.jobs.settled(sent.jobId);
    expect(rows()[1]?.content).toBe(text);
    expect(fake.chatRequests()).toEqual([]);
  });

  it('/temp answers without saving; unknown N fails before any write', async () => {
    notes();
    const sent = await ada.client.api.chat.send({ conversationId, text: '/temp #full_doc_1' });
    expect(sent.persisted).toBe(false);
    const events = await follow(sent.jobId);
    expect(events.some((e) => e.type === 'delta' && e.text.includes('Trace trees'))).toBe(true);
    expect(rows()).toEqual([]);
    const err = await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: '#summary_doc_4' }),
      'BAD_REQUEST',
    );
    expect(err.message).toBe(
      'There is no #summary_doc_4 in this conversation (it has 1 document).',
    );
    expect(rows()).toEqual([]);
  });

  it('works without any model provider, and not in someone else’s conversation', async () => {
    await h.close();
    h = createTestHarness();
    ada = await signUp(h, 'ada@example.com');
    conversationId = insertConversation(h, ada.user.id).id;
    notes();
    const sent = await ada.client.api.chat.send({ conversationId, text: '#summary_doc_1' });
    await h.services.jobs.settled(sent.jobId);
    expect(rows()[1]?.content).toContain('Notes on tracing JITs.');
    const bob = await signUp(h, 'bob@example.com');
    await expectTrpcCode(
      bob.client.api.chat.send({ conversationId, text: '#full_doc_1' }),
      'NOT_FOUND',
    );
  });
});
