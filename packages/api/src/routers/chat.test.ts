import { conversations, jobs, messages, eq, asc } from '@margin/db';
import type { JobEvent } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedGlobalPrompts } from '../services/prompts.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

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
  // After-turn calls (title, suggestions) go to the fast model: answer them predictably.
  fake.setDefaultResponder((body) =>
    body.model === 'fake-fast'
      ? {
          content:
            '<title>Tracing JITs</title><summary>Talked about trace trees.</summary><suggestion>What is a guard?</suggestion><suggestion>How are loops nested?</suggestion>',
        }
      : { content: 'Default answer.' },
  );
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

async function follow(client: SignedIn['client'], jobId: string, lastEventId?: string) {
  const events: { id: string; event: JobEvent }[] = [];
  const iterable = await client.api.jobs.follow({ jobId, lastEventId });
  for await (const item of iterable) {
    // In-process callers get tRPC's tracked envelope as is: [id, data, marker].
    const [id, data] = item as unknown as [string, JobEvent];
    events.push({ id, event: data });
  }
  return events;
}

const rows = () =>
  h.services.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.position))
    .all();

describe('chat.send', () => {
  it('stores the turn, streams the answer in order, persists it and ends with done', async () => {
    fake.script({
      chunks: ['Trace ', 'trees ', 'record ', 'hot loops.'],
      match: (b) => b.model === 'fake-chat',
    });
    const sent = await ada.client.api.chat.send({ conversationId, text: 'What is a trace tree?' });
    expect(sent.persisted).toBe(true);
    expect(sent.assistantMessageIds).toHaveLength(1);
    const events = await follow(ada.client, sent.jobId);
    const deltas = events
      .filter((e) => e.event.type === 'delta')
      .map((e) => (e.event as { text: string }).text);
    expect(deltas.join('')).toBe('Trace trees record hot loops.');
    expect(events.at(-1)?.event).toEqual({ type: 'done', messageIds: sent.assistantMessageIds });
    expect(
      events.filter((e) => ['done', 'error', 'cancelled'].includes(e.event.type)),
    ).toHaveLength(1);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    await h.services.jobs.settled(sent.jobId);
    expect(rows().map((r) => [r.role, r.content, r.status, r.model])).toEqual([
      ['user', 'What is a trace tree?', 'complete', null],
      ['assistant', 'Trace trees record hot loops.', 'complete', 'fake-chat'],
    ]);
    // After the turn: title, summary and suggestions from the fast model.
    const conv = h.services.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .get();
    expect(conv).toMatchObject({ title: 'Tracing JITs', summary: 'Talked about trace trees.' });
    expect(await ada.client.api.conversations.suggestions({ id: conversationId })).toEqual([
      'What is a guard?',
      'How are loops nested?',
    ]);
  });

  it('sends history, profile, instructions, prompt fragments and the memory pad to the provider', async () => {
    seedGlobalPrompts({ db: h.services.db });
    await ada.client.api.users.updateProfile({
      memory: 'I am a PL student.',
      preferences: 'Use Python examples.',
    });
    await ada.client.api.conversations.setMemoryPad({
      id: conversationId,
      text: 'Exam on Friday.',
    });
    const first = await ada.client.api.chat.send({ conversationId, text: 'First question' });
    await h.services.jobs.settled(first.jobId);
    fake.reset();
    const second = await ada.client.api.chat.send({
      conversationId,
      text: 'Second question, check the memory pad',
      options: { instructions: 'Cite sources.', promptNames: ['concise_answer'], detail: 4 },
    });
    await h.services.jobs.settled(second.jobId);
    const request = fake.chatRequests().find((r) => r.model === 'fake-chat');
    const all = JSON.stringify(request?.messages);
    for (const s of [
      'I am a PL student.',
      'Use Python examples.',
      'Exam on Friday.',
      'Cite sources.',
      'Prompt: concise_answer',
      'exhaustively',
      'First question',
      'Default answer.',
    ])
      expect(all).toContain(s);
    expect(request?.messages.at(-1)?.content).toMatch(/Second question, check the memory pad$/);
  });

  it("'none' history sends no earlier turns; explicit historyMessageIds send only those", async () => {
    const a = await ada.client.api.chat.send({ conversationId, text: 'alpha question' });
    await h.services.jobs.settled(a.jobId);
    const b = await ada.client.api.chat.send({ conversationId, text: 'beta question' });
    await h.services.jobs.settled(b.jobId);
    fake.reset();
    const c = await ada.client.api.chat.send({
      conversationId,
      text: 'gamma',
      options: { historyTurns: 'none' },
    });
    await h.services.jobs.settled(c.jobId);
    const noHistory = JSON.stringify(
      fake.chatRequests().find((r) => r.model === 'fake-chat')?.messages,
    );
    expect(noHistory).not.toContain('alpha question');
    expect(noHistory).not.toContain('beta question');
    fake.reset();
    const d = await ada.client.api.chat.send({
      conversationId,
      text: 'delta',
      options: { historyMessageIds: [b.userMessageId] },
    });
    await h.services.jobs.settled(d.jobId);
    const picked = JSON.stringify(
      fake.chatRequests().find((r) => r.model === 'fake-chat')?.messages,
    );
    expect(picked).toContain('beta question');
    expect(picked).not.toContain('alpha question');
  });

  it('several models → one answer each, streamed in parallel', async () => {
    fake.setDefaultResponder((body) => ({ content: `Answer from ${body.model}`, chunkDelayMs: 5 }));
    const sent = await ada.client.api.chat.send({
      conversationId,
      text: 'Compare',
      options: { models: ['fake-chat', 'fake-vision'] },
    });
    expect(sent.assistantMessageIds).toHaveLength(2);
    const events = await follow(ada.client, sent.jobId);
    const byMessage = new Map<string, string>();
    for (const e of events)
      if (e.event.type === 'delta' && e.event.messageId)
        byMessage.set(e.event.messageId, (byMessage.get(e.event.messageId) ?? '') + e.event.text);
    expect([...byMessage.values()].sort()).toEqual([
      'Answer from fake-chat',
      'Answer from fake-vision',
    ]);
    await h.services.jobs.settled(sent.jobId);
    expect(
      rows()
        .filter((r) => r.role === 'assistant')
        .map((r) => r.model),
    ).toEqual(['fake-chat', 'fake-vision']);
  });

  it('a second send while a reply runs is CONFLICT and writes nothing', async () => {
    fake.script({
      chunks: ['slow', ' answer'],
      delayMs: 300,
      match: (b) => b.model === 'fake-chat',
    });
    const first = await ada.client.api.chat.send({ conversationId, text: 'one' });
    const before = rows().length;
    const err = await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'two' }),
      'CONFLICT',
    );
    expect(err.message).toMatch(/already running/);
    expect(rows()).toHaveLength(before);
    await h.services.jobs.settled(first.jobId);
  });

  it('cancel mid-stream keeps the partial text and ends cancelled', async () => {
    fake.script({
      chunks: ['Part one. ', 'Part two. ', 'Part three.'],
      chunkDelayMs: 150,
      match: (b) => b.model === 'fake-chat',
    });
    const sent = await ada.client.api.chat.send({ conversationId, text: 'long one' });
    const events: JobEvent[] = [];
    for await (const item of await ada.client.api.jobs.follow({ jobId: sent.jobId })) {
      const [, event] = item as unknown as [string, JobEvent];
      events.push(event);
      if (event.type === 'delta') {
        expect(await ada.client.api.cancellations.cancel({ jobId: sent.jobId })).toEqual({
          cancelled: 1,
        });
      }
    }
    expect(events.at(-1)).toEqual({ type: 'cancelled' });
    await h.services.jobs.settled(sent.jobId);
    const answer = rows().find((r) => r.role === 'assistant');
    expect(answer?.status).toBe('cancelled');
    expect(answer?.content.startsWith('Part one.')).toBe(true);
    expect(answer?.content).not.toContain('Part three.');
    // Cancelling a finished job is a no-op, not a broken state.
    expect(await ada.client.api.cancellations.cancel({ jobId: sent.jobId })).toEqual({
      cancelled: 0,
    });
    expect(h.services.db.select().from(jobs).get()?.status).toBe('cancelled');
  });

  it('a provider failure mid-stream ends with error and keeps the partial text', async () => {
    fake.script({
      chunks: ['Half ', 'an ', 'answer'],
      failAfterChunks: 2,
      match: (b) => b.model === 'fake-chat',
    });
    const sent = await ada.client.api.chat.send({ conversationId, text: 'fragile' });
    const events = await follow(ada.client, sent.jobId);
    expect(events.at(-1)?.event.type).toBe('error');
    const answer = rows().find((r) => r.role === 'assistant');
    expect(answer).toMatchObject({ status: 'error', content: 'Half an ' });
    expect(answer?.error).toMatch(/model provider/);
  });

  it('a follower that reconnects with lastEventId gets exactly the missing events', async () => {
    fake.script({
      chunks: ['a', 'b', 'c', 'd', 'e'],
      chunkDelayMs: 20,
      match: (b) => b.model === 'fake-chat',
    });
    const sent = await ada.client.api.chat.send({ conversationId, text: 'letters' });
    const all = await follow(ada.client, sent.jobId);
    const cut = all[2]?.id ?? '0';
    const rest = await follow(ada.client, sent.jobId, cut);
    expect(rest).toEqual(all.slice(3));
  });

  it('a client-chosen job id can be followed before chat.send returns', async () => {
    fake.script({ chunks: ['early ', 'bird'], match: (b) => b.model === 'fake-chat' });
    const jobId = randomUUID();
    const following = (async () => {
      const events: JobEvent[] = [];
      for await (const item of await ada.client.api.jobs.follow({ jobId, waitForStart: true })) {
        events.push((item as unknown as [string, JobEvent])[1]);
      }
      return events;
    })();
    const sent = await ada.client.api.chat.send({ conversationId, text: 'hi', jobId });
    expect(sent.jobId).toBe(jobId);
    const events = await following;
    expect(
      events
        .filter((e) => e.type === 'delta')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).toBe('early bird');
    await h.services.jobs.settled(jobId);
    const before = rows().length;
    await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'again', jobId }),
      'CONFLICT',
    );
    await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'x', jobId: 'not-a-uuid' }),
      'BAD_REQUEST',
    );
    expect(rows()).toHaveLength(before);
  });

  it('/temp and persist:false answer without saving anything', async () => {
    const sent = await ada.client.api.chat.send({ conversationId, text: '/temp quick question' });
    expect(sent.persisted).toBe(false);
    const events = await follow(ada.client, sent.jobId);
    expect(events.at(-1)?.event.type).toBe('done');
    const viaOption = await ada.client.api.chat.send({
      conversationId,
      text: 'q',
      options: { persist: false },
    });
    await follow(ada.client, viaOption.jobId);
    expect(rows()).toEqual([]);
    expect(JSON.stringify(fake.chatRequests().at(0)?.messages)).toContain('quick question');
    expect(JSON.stringify(fake.chatRequests().at(0)?.messages)).not.toContain('/temp');
  });

  it('/title sets and locks the title; later auto-titles leave it alone', async () => {
    const titled = await ada.client.api.chat.send({ conversationId, text: '/title My exam prep' });
    expect(titled.persisted).toBe(false);
    await follow(ada.client, titled.jobId);
    const sent = await ada.client.api.chat.send({ conversationId, text: 'hello' });
    await h.services.jobs.settled(sent.jobId);
    const conv = h.services.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .get();
    expect(conv).toMatchObject({
      title: 'My exam prep',
      titleLocked: true,
      summary: 'Talked about trace trees.',
    });
  });

  it('/delete drops the previous turn before answering', async () => {
    const first = await ada.client.api.chat.send({ conversationId, text: 'mistake' });
    await h.services.jobs.settled(first.jobId);
    const second = await ada.client.api.chat.send({
      conversationId,
      text: '/delete the real question',
    });
    await h.services.jobs.settled(second.jobId);
    expect(rows().map((r) => r.content)).toEqual(['the real question', 'Default answer.']);
  });

  it('no provider → PRECONDITION_FAILED saying what to set, and nothing is written', async () => {
    const bare = createTestHarness();
    const bob = await signUp(bare, 'bob@example.com');
    const conv = insertConversation(bare, bob.user.id);
    const err = await expectTrpcCode(
      bob.client.api.chat.send({ conversationId: conv.id, text: 'hi' }),
      'PRECONDITION_FAILED',
    );
    expect(err.message).toMatch(/OPENAI_API_KEY \/ OPENAI_BASE_URL/);
    expect(bare.services.db.select().from(messages).all()).toEqual([]);
    expect(await bob.client.api.chat.models()).toEqual([]);
    await bare.close();
  });

  it('unknown models, documents and memories are refused before any write', async () => {
    await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'x', options: { models: ['gpt-99'] } }),
      'BAD_REQUEST',
    );
    // The conversation has no documents (documents in chat: chat-documents.test.ts).
    await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'summarise #doc_1' }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'use @memory:abc' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      ada.client.api.chat.send({
        conversationId,
        text: 'x',
        options: { promptNames: ['no_such_prompt'] },
      }),
      'NOT_FOUND',
    );
    expect(rows()).toEqual([]);
  });

  it.each([
    [{ text: '' }],
    [{ text: '   ' }],
    [{ text: 'x'.repeat(100_001) }],
    [{ text: 'x', options: { detail: 7 } }],
    [{ text: 'x', options: { historyTurns: -1 } }],
    [{ text: 'x', options: { models: [] } }],
  ])('rejects bad input %# without writing', async (extra) => {
    // @ts-expect-error deliberately invalid values
    await expectTrpcCode(ada.client.api.chat.send({ conversationId, ...extra }), 'BAD_REQUEST');
    expect(rows()).toEqual([]);
  });

  it("another user's conversation and jobs behave as missing", async () => {
    const bob = await signUp(h, 'bob@example.com');
    await expectTrpcCode(bob.client.api.chat.send({ conversationId, text: 'hi' }), 'NOT_FOUND');
    const sent = await ada.client.api.chat.send({ conversationId, text: 'mine' });
    await expectTrpcCode(bob.client.api.jobs.get({ jobId: sent.jobId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.cancellations.cancel({ jobId: sent.jobId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.cancellations.cancel({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.jobs.active({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.system.locks.status({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.system.locks.clear({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.chat.codingHint({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(follow(bob.client, sent.jobId), 'NOT_FOUND');
    await h.services.jobs.settled(sent.jobId);
    expect(rows().find((r) => r.role === 'assistant')?.status).toBe('complete');
    await expectTrpcCode(
      h.client().api.chat.send({ conversationId, text: 'anon' }),
      'UNAUTHORIZED',
    );
  });
});

describe('coding help', () => {
  it('streams a hint from the code and context, nothing stored', async () => {
    fake.script({ chunks: ['Check ', 'the base case.'], match: (b) => b.model === 'fake-chat' });
    const { jobId } = await ada.client.api.chat.codingHint({
      conversationId,
      code: 'def f(n): return f(n-1)',
      context: 'factorial',
    });
    const events = await follow(ada.client, jobId);
    expect(
      events
        .filter((e) => e.event.type === 'delta')
        .map((e) => (e.event as { text: string }).text)
        .join(''),
    ).toBe('Check the base case.');
    const sentText = JSON.stringify(fake.chatRequests()[0]?.messages);
    expect(sentText).toContain('def f(n)');
    expect(sentText).toContain('hint, not a solution');
    expect(rows()).toEqual([]);
    const solution = await ada.client.api.chat.fullSolution({ conversationId, code: 'x' });
    await follow(ada.client, solution.jobId);
    expect(JSON.stringify(fake.chatRequests().at(-1)?.messages)).toContain(
      'complete, correct solution',
    );
  });
});

describe('system.locks', () => {
  it('reports running jobs and clears a stuck one; restart orphans are closed', async () => {
    fake.script({
      chunks: ['never', ' ends'],
      delayMs: 5000,
      match: (b) => b.model === 'fake-chat',
    });
    const sent = await ada.client.api.chat.send({ conversationId, text: 'hang' });
    const status = await ada.client.api.system.locks.status({ conversationId });
    expect(status.jobs.map((j) => j.id)).toEqual([sent.jobId]);
    expect(status.stale).toEqual([]);
    expect(await ada.client.api.system.locks.clear({ conversationId })).toEqual({ cleared: 1 });
    await h.services.jobs.settled(sent.jobId);
    expect(rows().find((r) => r.role === 'assistant')?.status).toBe('cancelled');
    // A row left "running" by a crash, with a streaming message nobody writes any more.
    h.services.db
      .insert(jobs)
      .values({ id: 'orphan', userId: ada.user.id, conversationId, kind: 'reply' })
      .run();
    h.services.db
      .update(messages)
      .set({ status: 'streaming' })
      .where(eq(messages.role, 'assistant'))
      .run();
    const stuck = await ada.client.api.system.locks.status({ conversationId });
    expect(stuck.stale.map((j) => j.id)).toEqual(['orphan']);
    expect(await ada.client.api.system.locks.clear({ conversationId })).toEqual({ cleared: 2 });
    expect(rows().find((r) => r.role === 'assistant')?.status).toBe('interrupted');
    expect((await ada.client.api.jobs.get({ jobId: 'orphan' })).status).toBe('interrupted');
  });
});
