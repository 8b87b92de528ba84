import { asc, eq, messageClaimUses, messages, pkbPlans } from '@margin/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeChatRequest, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
let conversationId: string;
/** What the fast model answers when asked for memories in a chat turn. */
let turnReply = '[]';

const isTurnExtraction = (body: FakeChatRequest) =>
  JSON.stringify(body.messages[0]?.content ?? '').includes('in one chat turn');

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  turnReply = '[]';
  fake.setDefaultResponder((body) => {
    if (isTurnExtraction(body)) return { content: turnReply };
    return {
      content:
        body.model === 'fake-fast'
          ? '<title>Memory test</title><summary>Talked about runtimes.</summary>'
          : 'Default answer.',
    };
  });
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

const create = (statement: string, extra: Record<string, unknown> = {}) =>
  ada.client.api.pkb.claims.create({ statement, type: 'fact', ...extra });

/** The text of the last request the chat model got. */
function chatPrompt(): string {
  const requests = fake.chatRequests().filter((r) => r.model === 'fake-chat');
  return JSON.stringify(requests.at(-1)?.messages ?? []);
}

const messageRows = () =>
  h.services.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.position))
    .all();

async function send(text: string, options: Record<string, unknown> = {}) {
  const sent = await ada.client.api.chat.send({ conversationId, text, options });
  await h.services.jobs.settled(sent.jobId);
  return sent;
}

describe('memories in chat', () => {
  it('gives the model referenced, pinned, conversation-pinned and found memories, never invalid or excluded ones', async () => {
    const pinned = await create('I prefer metric units', { type: 'preference' });
    await ada.client.api.pkb.claims.pin({ id: pinned.id, pinned: true });
    const thesis = await create('My thesis is about tracing compilers');
    await ada.client.api.pkb.conversationPins.set({
      conversationId,
      claimId: thesis.id,
      pinned: true,
    });
    const dog = await create('I have a dog named Miso');
    const found = await create('Garbage collectors in my projects pause threads');
    const retracted = await create('I live in Paris');
    await ada.client.api.pkb.claims.pin({ id: retracted.id, pinned: true });
    await ada.client.api.pkb.claims.update({ id: retracted.id, status: 'retracted' });
    const expired = await create('I am training for a marathon', {
      validFrom: new Date('2020-01-01'),
      validTo: new Date('2021-01-01'),
    });
    await ada.client.api.pkb.claims.pin({ id: expired.id, pinned: true });
    const excluded = await create('I dislike long garbage answers', { type: 'preference' });
    await ada.client.api.pkb.claims.pin({ id: excluded.id, pinned: true });
    await ada.client.api.pkb.usage.exclude({
      conversationId,
      claimId: excluded.id,
      excluded: true,
    });

    const sent = await send(
      `How do garbage collectors work? Keep @memory:${dog.id} and @memory:${retracted.id} in mind.`,
    );
    const prompt = chatPrompt();
    for (const line of [
      `- [referenced] [fact] I have a dog named Miso`,
      `- [pinned] [preference] I prefer metric units`,
      `- [pinned here] [fact] My thesis is about tracing compilers`,
      `- [fact] Garbage collectors in my projects pause threads`,
    ])
      expect(prompt).toContain(line);
    for (const absent of ['Paris', 'marathon', 'long garbage answers'])
      expect(prompt).not.toContain(absent);

    // What the answer used is recorded with it, in prompt order, and shown per message.
    const answerId = sent.assistantMessageIds[0] ?? '';
    const uses = await ada.client.api.pkb.usage.forMessage({ messageId: answerId });
    expect(uses.map((u) => [u.claim.id, u.why.via])).toEqual([
      [dog.id, 'referenced'],
      [pinned.id, 'pinned'],
      [thesis.id, 'conversation_pinned'],
      [found.id, 'search'],
    ]);
    expect(uses[3]?.why.fts?.rank).toBe(1);
    expect(uses[3]?.why.rrf).toBeGreaterThan(0);
    const rows = h.services.db
      .select()
      .from(messageClaimUses)
      .where(eq(messageClaimUses.messageId, answerId))
      .orderBy(asc(messageClaimUses.position))
      .all();
    expect(rows.map((r) => [r.claimId, r.via, r.position])).toEqual([
      [dog.id, 'referenced', 0],
      [pinned.id, 'pinned', 1],
      [thesis.id, 'conversation_pinned', 2],
      [found.id, 'search', 3],
    ]);
    // The question's own message used nothing; Bob cannot read Ada's.
    expect(await ada.client.api.pkb.usage.forMessage({ messageId: sent.userMessageId })).toEqual(
      [],
    );
    await expectTrpcCode(bob.client.api.pkb.usage.forMessage({ messageId: answerId }), 'NOT_FOUND');
  });

  it('attached memories go in labelled and are recorded for every model answering', async () => {
    const tea = await create('I drink green tea', { type: 'preference' });
    const sent = await send('What should I drink tonight?', {
      attachedClaimIds: [tea.id],
      models: ['fake-chat', 'fake-vision'],
    });
    expect(chatPrompt()).toContain('- [attached] [preference] I drink green tea');
    for (const messageId of sent.assistantMessageIds) {
      const uses = await ada.client.api.pkb.usage.forMessage({ messageId });
      expect(uses.map((u) => [u.claim.id, u.why.via])).toEqual([[tea.id, 'attached']]);
    }
  });

  it('an unknown or foreign memory id is NOT_FOUND and nothing is written', async () => {
    const bobs = await bob.client.api.pkb.claims.create({ statement: 'I am Bob', type: 'fact' });
    const err = await expectTrpcCode(
      ada.client.api.chat.send({ conversationId, text: 'Use @memory:no-such-id please' }),
      'NOT_FOUND',
    );
    expect(err.message).toBe(
      'Memory @memory:no-such-id was not found. It may have been deleted; check the id.',
    );
    await expectTrpcCode(
      ada.client.api.chat.send({
        conversationId,
        text: 'Hello',
        options: { attachedClaimIds: [bobs.id] },
      }),
      'NOT_FOUND',
    );
    expect(messageRows()).toEqual([]);
    expect(h.services.db.select().from(messageClaimUses).all()).toEqual([]);
  });

  it('a temporary answer uses memories but records nothing', async () => {
    const tea = await create('I drink green tea', { type: 'preference' });
    await ada.client.api.pkb.claims.pin({ id: tea.id, pinned: true });
    await send('/temp What should I drink?');
    expect(chatPrompt()).toContain('I drink green tea');
    expect(messageRows()).toEqual([]);
    expect(h.services.db.select().from(messageClaimUses).all()).toEqual([]);
  });

  it('pkb.relevantContext returns what a question would get, with why', async () => {
    const pinned = await create('I prefer metric units', { type: 'preference' });
    await ada.client.api.pkb.claims.pin({ id: pinned.id, pinned: true });
    const found = await create('My bike is a Brompton');
    await create('I play the cello');
    const context = await ada.client.api.pkb.relevantContext({
      query: 'Which bike should I buy?',
      conversationId,
      k: 5,
    });
    expect(context.claims.map((c) => [c.claim.id, c.why.via])).toEqual([
      [pinned.id, 'pinned'],
      [found.id, 'search'],
    ]);
    expect(context.text).toBe(
      '- [pinned] [preference] I prefer metric units\n- [fact] My bike is a Brompton',
    );
  });
});

describe('memory suggestions after a reply', () => {
  it('stores a plan for the answer that pkb.plans.latest returns', async () => {
    turnReply = '[{"statement": "I am learning Rust", "type": "fact", "domain": "learning"}]';
    const sent = await send('I am learning Rust. What is a borrow checker?');
    const plan = await ada.client.api.pkb.plans.latest({ conversationId });
    expect(plan).toMatchObject({
      kind: 'chat',
      conversationId,
      messageId: sent.assistantMessageIds[0],
      proposals: [{ index: 0, statement: 'I am learning Rust', action: 'add', domain: 'learning' }],
    });
    const request = fake.chatRequests().find(isTurnExtraction);
    expect(JSON.stringify(request?.messages)).toContain('What is a borrow checker?');
    expect(JSON.stringify(request?.messages)).toContain('Default answer.');
  });

  it('stores nothing when the user turned it off, or when every suggestion is already saved', async () => {
    turnReply = '[{"statement": "I am learning Rust", "type": "fact"}]';
    await ada.client.api.pkb.settings.update({ autoPropose: false });
    await send('I am learning Rust. What is a borrow checker?');
    expect(fake.chatRequests().filter(isTurnExtraction)).toHaveLength(0);
    expect(await ada.client.api.pkb.plans.latest({ conversationId })).toBeNull();

    await ada.client.api.pkb.settings.update({ autoPropose: true });
    await create('I am learning Rust');
    await send('And what is a lifetime?');
    expect(fake.chatRequests().filter(isTurnExtraction)).toHaveLength(1);
    expect(h.services.db.select().from(pkbPlans).all()).toEqual([]);
  });
});
