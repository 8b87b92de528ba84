import { doubts, eq } from '@margin/db';
import type { JobEvent } from '@margin/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendMessages } from '../services/messages.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let conversationId: string;
let messageIds: string[];

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
  messageIds = appendMessages({
    db: h.services.db,
    conversationId,
    userId: ada.user.id,
    messages: [
      { role: 'user', content: 'What is a tracing JIT?' },
      { role: 'assistant', content: 'It records hot loops as traces and compiles them.' },
      { role: 'user', content: 'And guards?' },
      { role: 'assistant', content: 'Guards check that assumptions still hold.' },
    ],
  }).map((m) => m.id);
});
afterEach(() => h.close());

async function finish(jobId: string): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const item of await ada.client.api.jobs.follow({ jobId })) {
    events.push((item as unknown as [string, JobEvent])[1]);
  }
  await h.services.jobs.settled(jobId);
  return events;
}

const target = () => messageIds[1] ?? '';

describe('doubts', () => {
  it('answers a doubt with the message and its neighbours, stores it, lists it', async () => {
    fake.script({ chunks: ['A trace is ', 'a recorded path.'] });
    const { doubtId, jobId } = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'What is a trace?',
    });
    const events = await finish(jobId);
    expect(events.at(-1)?.type).toBe('done');
    const sent = JSON.stringify(fake.chatRequests()[0]?.messages);
    expect(sent).toContain('What is a tracing JIT?');
    expect(sent).toContain('[THE MESSAGE IN QUESTION]');
    expect(sent).toContain('What is a trace?');
    const row = h.services.db.select().from(doubts).where(eq(doubts.id, doubtId)).get();
    expect(row).toMatchObject({
      answer: 'A trace is a recorded path.',
      status: 'complete',
      parentId: null,
    });
    const tree = await ada.client.api.doubts.list({ conversationId, messageId: target() });
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ id: doubtId, question: 'What is a trace?', children: [] });
  });

  it('an empty question asks for an explanation', async () => {
    const { doubtId, jobId } = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
    });
    await finish(jobId);
    expect((await ada.client.api.doubts.get({ id: doubtId })).doubt.question).toBe(
      'Please explain this message in more detail.',
    );
  });

  it('follow-ups carry the thread; branches allowed; roots newest first, children oldest first', async () => {
    const root = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'root q',
    });
    await finish(root.jobId);
    fake.reset();
    const child1 = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'child one',
      parentId: root.doubtId,
    });
    await finish(child1.jobId);
    expect(JSON.stringify(fake.chatRequests()[0]?.messages)).toContain('Q1: root q');
    const child2 = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'child two',
      parentId: root.doubtId,
    });
    await finish(child2.jobId);
    const grandchild = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'deeper',
      parentId: child1.doubtId,
    });
    await finish(grandchild.jobId);
    const second = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'second root',
    });
    await finish(second.jobId);

    const tree = await ada.client.api.doubts.list({ conversationId, messageId: target() });
    expect(tree.map((n) => n.question)).toEqual(['second root', 'root q']);
    expect(tree[1]?.children.map((n) => n.question)).toEqual(['child one', 'child two']);
    expect(tree[1]?.children[0]?.children.map((n) => n.question)).toEqual(['deeper']);
    const got = await ada.client.api.doubts.get({ id: grandchild.doubtId });
    expect(got.ancestors.map((d) => d.question)).toEqual(['root q', 'child one']);

    expect((await ada.client.api.doubts.delete({ id: child1.doubtId })).deletedIds.sort()).toEqual(
      [child1.doubtId, grandchild.doubtId].sort(),
    );
    const after = await ada.client.api.doubts.list({ conversationId, messageId: target() });
    expect(after[1]?.children.map((n) => n.question)).toEqual(['child two']);
    expect(h.services.db.select().from(doubts).all()).toHaveLength(3);
  });

  it('a parent on another message is refused, missing ids are NOT_FOUND, nothing written', async () => {
    const root = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'q',
    });
    await finish(root.jobId);
    await expectTrpcCode(
      ada.client.api.doubts.ask({
        conversationId,
        messageId: messageIds[3] ?? '',
        parentId: root.doubtId,
      }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      ada.client.api.doubts.ask({ conversationId, messageId: 'nope' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      ada.client.api.doubts.ask({ conversationId, messageId: target(), parentId: 'nope' }),
      'NOT_FOUND',
    );
    expect(h.services.db.select().from(doubts).all()).toHaveLength(1);
  });

  it('cancel keeps the partial answer as cancelled; delete while streaming is CONFLICT', async () => {
    fake.script({ chunks: ['part one ', 'part two ', 'part three'], chunkDelayMs: 150 });
    const { doubtId, jobId } = await ada.client.api.doubts.ask({
      conversationId,
      messageId: target(),
      question: 'slow',
    });
    const events: JobEvent[] = [];
    for await (const item of await ada.client.api.jobs.follow({ jobId })) {
      const event = (item as unknown as [string, JobEvent])[1];
      events.push(event);
      if (event.type === 'delta' && events.filter((e) => e.type === 'delta').length === 1) {
        await expectTrpcCode(ada.client.api.doubts.delete({ id: doubtId }), 'CONFLICT');
        expect(
          await ada.client.api.cancellations.cancel({ conversationId, kind: 'doubt' }),
        ).toEqual({ cancelled: 1 });
      }
    }
    expect(events.at(-1)).toEqual({ type: 'cancelled' });
    await h.services.jobs.settled(jobId);
    const row = h.services.db.select().from(doubts).where(eq(doubts.id, doubtId)).get();
    expect(row?.status).toBe('cancelled');
    expect(row?.answer.startsWith('part one')).toBe(true);
  });

  it('save keeps a quick-action exchange as a doubt without calling the model', async () => {
    const saved = await ada.client.api.doubts.save({
      conversationId,
      messageId: target(),
      question: 'Explain',
      answer: 'Because.',
    });
    expect(saved).toMatchObject({ question: 'Explain', answer: 'Because.', status: 'complete' });
    expect(fake.chatRequests()).toHaveLength(0);
    await expectTrpcCode(
      ada.client.api.doubts.save({
        conversationId,
        messageId: target(),
        question: ' ',
        answer: 'x',
      }),
      'BAD_REQUEST',
    );
  });

  it('deleting the message deletes its doubts', async () => {
    await ada.client.api.doubts.save({
      conversationId,
      messageId: target(),
      question: 'q',
      answer: 'a',
    });
    await ada.client.api.messages.delete({ id: target() });
    expect(h.services.db.select().from(doubts).all()).toEqual([]);
  });

  it("another user's ids behave as missing on every doubts procedure", async () => {
    const saved = await ada.client.api.doubts.save({
      conversationId,
      messageId: target(),
      question: 'q',
      answer: 'a',
    });
    const bob = await signUp(h, 'bob@example.com');
    const bobConversation = insertConversation(h, bob.user.id).id;
    await expectTrpcCode(
      bob.client.api.doubts.ask({ conversationId, messageId: target() }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      bob.client.api.doubts.ask({ conversationId: bobConversation, messageId: target() }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      bob.client.api.doubts.save({
        conversationId,
        messageId: target(),
        question: 'q',
        answer: 'a',
      }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      bob.client.api.doubts.list({ conversationId, messageId: target() }),
      'NOT_FOUND',
    );
    await expectTrpcCode(bob.client.api.doubts.get({ id: saved.id }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.doubts.delete({ id: saved.id }), 'NOT_FOUND');
    expect(h.services.db.select().from(doubts).all()).toHaveLength(1);
  });
});

describe('llmActions.run', () => {
  it('streams an explanation of the selection with the surrounding messages, storing nothing', async () => {
    fake.script({ chunks: ['Simply ', 'put…'] });
    const { jobId } = await ada.client.api.llmActions.run({
      action: 'eli5',
      selectedText: 'records hot loops',
      conversationId,
      messageId: target(),
      withContext: true,
    });
    const events = await finish(jobId);
    expect(events.filter((e) => e.type === 'delta').length).toBe(2);
    const sent = JSON.stringify(fake.chatRequests()[0]?.messages);
    expect(sent).toContain('records hot loops');
    expect(sent).toContain('ten-year-old');
    expect(sent).toContain('[THE SELECTION IS FROM HERE]');
    expect(sent).toContain('And guards?');
    expect(h.services.db.select().from(doubts).all()).toEqual([]);
  });

  it('a question turns any action into ask, with the side-chat history', async () => {
    const { jobId } = await ada.client.api.llmActions.run({
      action: 'explain',
      selectedText: 'guards',
      question: 'Why are they cheap?',
      history: [
        { role: 'user', content: 'earlier q' },
        { role: 'assistant', content: 'earlier a' },
      ],
    });
    await finish(jobId);
    const messages = fake.chatRequests()[0]?.messages ?? [];
    expect(messages.at(-1)).toMatchObject({ role: 'user', content: 'Why are they cheap?' });
    expect(JSON.stringify(messages)).toContain('earlier a');
  });

  it("refuses another user's conversation instead of silently dropping context", async () => {
    const bob = await signUp(h, 'bob@example.com');
    await expectTrpcCode(
      bob.client.api.llmActions.run({ action: 'explain', selectedText: 'x', conversationId }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      ada.client.api.llmActions.run({ action: 'explain', selectedText: '   ' }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(
      // @ts-expect-error unknown action
      ada.client.api.llmActions.run({ action: 'summon', selectedText: 'x' }),
      'BAD_REQUEST',
    );
  });
});
