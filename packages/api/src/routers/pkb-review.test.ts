import { claims, eq, pkbPlans, conversationClaims, and } from '@margin/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendMessages } from '../services/messages.js';
import { PLAN_GONE_MESSAGE } from '../services/pkb/plans.js';
import { startFakeOpenAI, type FakeChatRequest, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

let fake: FakeOpenAI;
let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
let conversationId: string;
/** What the fake fast model answers to a chat-turn extraction and to notes. */
const replies = { turn: '[]', notes: '[]' };

const systemOf = (body: FakeChatRequest) => JSON.stringify(body.messages[0]?.content ?? '');
const isTurnExtraction = (body: FakeChatRequest) => systemOf(body).includes('in one chat turn');
const isNotesExtraction = (body: FakeChatRequest) => systemOf(body).includes('notes a person');

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

async function setUp(llm: 'fake' | 'none' | 'no-embedding' = 'fake') {
  const config = fakeLlmConfig(fake.url);
  h = createTestHarness(
    llm === 'none'
      ? {}
      : {
          llm:
            llm === 'fake'
              ? config
              : { ...config, roles: { ...config.roles, embedding: undefined } },
        },
  );
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
}

beforeEach(async () => {
  fake.reset();
  replies.turn = '[]';
  replies.notes = '[]';
  fake.setDefaultResponder((body) => {
    if (isTurnExtraction(body)) return { content: replies.turn };
    if (isNotesExtraction(body)) return { content: replies.notes };
    // Titles, summaries and contradiction checks: nothing they would act on.
    return { content: body.model === 'fake-fast' ? 'n/a' : 'Default answer.' };
  });
  await setUp();
});
afterEach(() => h.close());

/** A question and its answer in Ada's conversation; returns the answer's id. */
function turn(question: string, answer: string, conversation = conversationId, userId?: string) {
  const rows = appendMessages({
    db: h.services.db,
    conversationId: conversation,
    userId: userId ?? ada.user.id,
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: answer },
    ],
  });
  return rows[1]?.id ?? '';
}

const claimRows = (userId = ada.user.id) =>
  h.services.db.select().from(claims).where(eq(claims.userId, userId)).all();
const planCount = () => h.services.db.select().from(pkbPlans).all().length;

/** A unit vector with cosine `c` to the first axis (384 dimensions, the fake's default). */
function vectorAt(c: number, axis = 1): number[] {
  const v = new Array<number>(384).fill(0);
  v[0] = c;
  v[axis] = Math.sqrt(1 - c * c);
  return v;
}

describe('pkb.proposeUpdates / executeUpdates', () => {
  it('proposes from the last answer, applies an edited approval with provenance, once', async () => {
    const answerId = turn(
      'I am vegetarian and cycle to work. What should I cook tonight?',
      'Try a lentil curry: it is quick and full of protein.',
    );
    replies.turn = `Here you go:\n\`\`\`json\n${JSON.stringify([
      { statement: 'I am vegetarian', type: 'fact', domain: 'health', confidence: 0.95 },
      { statement: 'I cycle to work', type: 'habit', domain: 'work' },
      { statement: 'Lentils are rich in protein', type: 'general', domain: 'learning' },
    ])}\n\`\`\``;
    const result = await ada.client.api.pkb.proposeUpdates({ conversationId });
    expect(result.planId).not.toBeNull();
    expect(result.summary).toBe('Found 2 memories: 2 new.');
    expect(result.proposals.map((p) => [p.index, p.statement, p.type, p.action])).toEqual([
      [0, 'I am vegetarian', 'fact', 'add'],
      [1, 'I cycle to work', 'habit', 'add'],
    ]);
    // The model saw the question and the answer.
    const request = fake.chatRequests().find(isTurnExtraction);
    expect(JSON.stringify(request?.messages)).toContain('What should I cook tonight?');
    expect(JSON.stringify(request?.messages)).toContain('lentil curry');
    expect(request?.model).toBe('fake-fast');

    const latest = await ada.client.api.pkb.plans.latest({ conversationId });
    expect(latest).toMatchObject({ planId: result.planId, kind: 'chat', messageId: answerId });

    const planId = result.planId ?? '';
    const done = await ada.client.api.pkb.executeUpdates({
      planId,
      approved: [
        { index: 0, edits: { statement: 'I am a strict vegetarian', domain: 'personal' } },
      ],
    });
    expect(done).toMatchObject({ created: 1, updated: 0 });
    expect(claimRows().map((c) => [c.id, c.statement, c.type, c.domain, c.source])).toEqual([
      [done.claimIds[0], 'I am a strict vegetarian', 'fact', 'personal', 'chat'],
    ]);
    expect(claimRows()[0]).toMatchObject({
      sourceConversationId: conversationId,
      sourceMessageId: answerId,
      confidence: 0.95,
    });
    const again = await expectTrpcCode(
      ada.client.api.pkb.executeUpdates({ planId, approved: [{ index: 1 }] }),
      'NOT_FOUND',
    );
    expect(again.message).toBe(PLAN_GONE_MESSAGE);
    expect(claimRows()).toHaveLength(1);
    expect(await ada.client.api.pkb.plans.latest({ conversationId })).toBeNull();
  });

  it('uses the given answer and its own question, and replaces an earlier plan for it', async () => {
    const first = turn('I live in Pune. Weather?', 'Warm.');
    turn('Unrelated later question', 'Unrelated later answer');
    replies.turn = '[{"statement": "I live in Pune", "type": "fact"}]';
    const a = await ada.client.api.pkb.proposeUpdates({ conversationId, messageId: first });
    const b = await ada.client.api.pkb.proposeUpdates({ conversationId, messageId: first });
    const request = fake.chatRequests().find(isTurnExtraction);
    expect(JSON.stringify(request?.messages)).toContain('I live in Pune. Weather?');
    expect(JSON.stringify(request?.messages)).not.toContain('Unrelated later');
    expect(planCount()).toBe(1);
    await expectTrpcCode(ada.client.api.pkb.plans.get({ planId: a.planId ?? '' }), 'NOT_FOUND');
    expect((await ada.client.api.pkb.plans.get({ planId: b.planId ?? '' })).proposals).toHaveLength(
      1,
    );
  });

  it('returns no plan when nothing is found, without a fast model, or without an answer', async () => {
    expect(await ada.client.api.pkb.proposeUpdates({ conversationId })).toMatchObject({
      planId: null,
      proposals: [],
    });
    turn('Hi', 'Hello!');
    replies.turn = 'Nothing about the user here.';
    expect(await ada.client.api.pkb.proposeUpdates({ conversationId })).toMatchObject({
      planId: null,
      proposals: [],
      summary: 'No new memories found.',
    });
    await h.close();
    await setUp('none');
    turn('I like tea', 'Noted.');
    const none = await ada.client.api.pkb.proposeUpdates({ conversationId });
    expect(none).toMatchObject({ planId: null, proposals: [] });
    expect(none.summary).toContain('MODEL_FAST');
    expect(planCount()).toBe(0);
  });

  it('a model failure is a clear error and stores no plan', async () => {
    turn('I like tea', 'Noted.');
    fake.failNext('chat', { status: 400, errorMessage: 'context too long' });
    const err = await expectTrpcCode(
      ada.client.api.pkb.proposeUpdates({ conversationId }),
      'BAD_GATEWAY',
    );
    expect(err.message).toContain('context too long');
    expect(planCount()).toBe(0);
  });

  it('an update changes the matched memory; a retracted match is added as new instead', async () => {
    fake.setEmbedding('I live in Paris', vectorAt(1));
    fake.setEmbedding('I live in Lyon now', vectorAt(0.85));
    const paris = await ada.client.api.pkb.claims.create({
      statement: 'I live in Paris',
      type: 'fact',
    });
    turn('I moved to Lyon last month, any tips?', 'Visit the old town.');
    replies.turn = '[{"statement": "I live in Lyon now", "type": "fact", "domain": "personal"}]';
    const plan = await ada.client.api.pkb.proposeUpdates({ conversationId });
    expect(plan.proposals[0]).toMatchObject({
      action: 'update',
      match: { claimId: paris.id, statement: 'I live in Paris', similarity: 0.85 },
    });
    const done = await ada.client.api.pkb.executeUpdates({
      planId: plan.planId ?? '',
      approved: [{ index: 0 }],
    });
    expect(done).toEqual({ created: 0, updated: 1, claimIds: [paris.id] });
    expect(claimRows().map((c) => [c.id, c.statement, c.source])).toEqual([
      [paris.id, 'I live in Lyon now', 'manual'],
    ]);

    // The same proposal again, but the memory is retracted before the user approves.
    // Stored now: the vector of 'I live in Lyon now'. The new candidate is at cosine 0.85 to it.
    const candidate = vectorAt(0.85).map((x) => x * 0.85);
    candidate[2] = Math.sqrt(1 - 0.85 * 0.85);
    fake.setEmbedding('I live in Lyon', candidate);
    replies.turn = '[{"statement": "I live in Lyon", "type": "fact"}]';
    const second = await ada.client.api.pkb.proposeUpdates({ conversationId });
    expect(second.proposals[0]?.action).toBe('update');
    await ada.client.api.pkb.claims.update({ id: paris.id, status: 'retracted' });
    const readded = await ada.client.api.pkb.executeUpdates({
      planId: second.planId ?? '',
      approved: [{ index: 0 }],
    });
    expect(readded).toMatchObject({ created: 1, updated: 0 });
    const rows = claimRows();
    expect(rows.find((r) => r.id === paris.id)).toMatchObject({
      status: 'retracted',
      statement: 'I live in Lyon now',
    });
    expect(rows.find((r) => r.id !== paris.id)).toMatchObject({
      statement: 'I live in Lyon',
      source: 'chat',
      status: 'active',
    });
  });

  it('ignores an approved skip unless the user chose an action for it', async () => {
    await ada.client.api.pkb.claims.create({ statement: 'I like jazz', type: 'preference' });
    turn('I like jazz. Any albums?', 'Kind of Blue.');
    replies.turn = '[{"statement": "I like jazz!", "type": "preference"}]';
    const plan = await ada.client.api.pkb.proposeUpdates({ conversationId });
    expect(plan.proposals[0]).toMatchObject({ action: 'skip', match: { similarity: 1 } });
    expect(plan.proposals[0]?.reason).toContain('You already have this memory');
    const ignored = await ada.client.api.pkb.executeUpdates({
      planId: plan.planId ?? '',
      approved: [{ index: 0 }],
    });
    expect(ignored).toEqual({ created: 0, updated: 0, claimIds: [] });
    const again = await ada.client.api.pkb.proposeUpdates({ conversationId });
    const forced = await ada.client.api.pkb.executeUpdates({
      planId: again.planId ?? '',
      approved: [{ index: 0, edits: { action: 'add' } }],
    });
    expect(forced.created).toBe(1);
    expect(
      claimRows()
        .map((c) => c.statement)
        .sort(),
    ).toEqual(['I like jazz', 'I like jazz!']);
  });
});

describe('pkb.ingestText / executeIngest', () => {
  const notes = [
    '# About me',
    'Facts:',
    '- I prefer green tea over coffee',
    '* My sister lives in Lyon',
    '1. I need to renew my passport',
    '- I remember when we moved to Pune',
    '- ok',
  ].join('\n');

  it('without a model: the rule-based parser, lexical de-duplication, source ingest', async () => {
    await h.close();
    await setUp('none');
    await ada.client.api.pkb.claims.create({ statement: 'My sister lives in Lyon.', type: 'fact' });
    const plan = await ada.client.api.pkb.ingestText({ text: notes, domain: 'learning' });
    expect(plan.proposals.map((p) => [p.statement, p.type, p.domain, p.action])).toEqual([
      ['I prefer green tea over coffee', 'preference', 'learning', 'add'],
      ['My sister lives in Lyon', 'fact', 'relationships', 'skip'],
      ['I need to renew my passport', 'task', 'life_ops', 'add'],
      ['I remember when we moved to Pune', 'memory', 'learning', 'add'],
    ]);
    expect(plan.proposals.every((p) => p.confidence === 0.7)).toBe(true);
    expect(plan.summary).toBe('Found 4 memories: 3 new, 1 already saved.');
    const done = await ada.client.api.pkb.executeIngest({
      planId: plan.planId ?? '',
      approved: [0, 1, 2, 3].map((index) => ({ index })),
    });
    expect(done).toMatchObject({ created: 3, updated: 0 });
    const added = claimRows().filter((c) => done.claimIds.includes(c.id));
    expect(added.map((c) => c.source)).toEqual(['ingest', 'ingest', 'ingest']);
    expect(added.every((c) => c.sourceConversationId === null)).toBe(true);
  });

  it('with a model: extraction per chunk, falling back to the parser when the model fails', async () => {
    replies.notes = JSON.stringify([
      { statement: 'I prefer green tea', type: 'preference', domain: 'health', confidence: 0.9 },
      { statement: 'I prefer GREEN tea.', type: 'preference' },
      { statement: 'My sister lives in Lyon', type: 'fact', domain: 'relationships' },
      { statement: 'Bad type', type: 'rumour' },
    ]);
    const plan = await ada.client.api.pkb.ingestText({ text: notes });
    // De-duplicated within the plan; invalid items dropped.
    expect(plan.proposals.map((p) => [p.statement, p.domain, p.confidence])).toEqual([
      ['I prefer green tea', 'health', 0.9],
      ['My sister lives in Lyon', 'relationships', 0.8],
    ]);
    expect(JSON.stringify(fake.chatRequests().find(isNotesExtraction)?.messages)).toContain(
      'renew my passport',
    );

    // 2 chunks of ≤ 15k characters; the model fails on one of them (400: no retry).
    const before = fake.chatRequests().filter(isNotesExtraction).length;
    replies.notes = '[{"statement": "I run on Sundays", "type": "habit", "domain": "health"}]';
    fake.script({
      status: 400,
      errorMessage: 'bad request',
      match: (body) => JSON.stringify(body.messages).includes('call mum'),
    });
    const long = `${'- I like long walks in the hills near home\n'.repeat(400)}- I need to call mum\n`;
    const big = await ada.client.api.pkb.ingestText({ text: long });
    expect(fake.chatRequests().filter(isNotesExtraction)).toHaveLength(before + 2);
    expect(big.proposals.map((p) => p.statement).sort()).toEqual(
      ['I like long walks in the hills near home', 'I need to call mum', 'I run on Sundays'].sort(),
    );
  });

  it('dedup thresholds on cosine: skip, update, related add, plain add', async () => {
    fake.setEmbedding('I drink two coffees a day', vectorAt(1));
    const existing = await ada.client.api.pkb.claims.create({
      statement: 'I drink two coffees a day',
      type: 'habit',
    });
    const cases: [string, number, number][] = [
      ['I have two coffees daily', 0.95, 1],
      ['I drink three coffees a day', 0.85, 2],
      ['I drink coffee after lunch', 0.7, 3],
      ['I play the cello', 0.1, 4],
    ];
    for (const [text, cos, axis] of cases) fake.setEmbedding(text, vectorAt(cos, axis));
    replies.notes = JSON.stringify(cases.map(([statement]) => ({ statement, type: 'habit' })));
    const plan = await ada.client.api.pkb.ingestText({ text: 'coffee notes' });
    expect(plan.proposals.map((p) => [p.action, p.match?.claimId ?? null])).toEqual([
      ['skip', existing.id],
      ['update', existing.id],
      ['add', existing.id],
      ['add', null],
    ]);
    expect(plan.proposals[2]?.reason).toContain('related');
  });

  it('refuses bad input and bad indices without writing anything', async () => {
    for (const text of ['', '   ', 'x'.repeat(50_001)])
      await expectTrpcCode(ada.client.api.pkb.ingestText({ text }), 'BAD_REQUEST');
    replies.notes =
      '[{"statement": "I like tea", "type": "preference"}, {"statement": "I like jam", "type": "preference"}]';
    const plan = await ada.client.api.pkb.ingestText({ text: 'tea and jam' });
    const planId = plan.planId ?? '';
    for (const approved of [
      [{ index: 0 }, { index: 2 }],
      [{ index: 1 }, { index: 1 }],
    ]) {
      const err = await expectTrpcCode(
        ada.client.api.pkb.executeIngest({ planId, approved }),
        'BAD_REQUEST',
      );
      expect(err.message).toContain('Nothing was saved');
    }
    await expectTrpcCode(
      ada.client.api.pkb.executeIngest({ planId, approved: [{ index: -1 }] }),
      'BAD_REQUEST',
    );
    // An ingest plan is not applied as chat suggestions.
    await expectTrpcCode(
      ada.client.api.pkb.executeUpdates({ planId, approved: [{ index: 0 }] }),
      'BAD_REQUEST',
    );
    expect(claimRows()).toEqual([]);
    // The plan survived the refusals. Two approvals edited into one text are saved once.
    const same = { statement: 'I like tea with jam' };
    const ok = await ada.client.api.pkb.executeIngest({
      planId,
      approved: [
        { index: 1, edits: same },
        { index: 0, edits: same },
      ],
    });
    expect(ok.created).toBe(1);
    expect(claimRows().map((c) => c.statement)).toEqual(['I like tea with jam']);
  });
});

describe('plans, usage and settings ownership', () => {
  it("another user's plans, conversations, messages and claims look missing", async () => {
    const answerId = turn('I like tea', 'Noted.');
    replies.turn = '[{"statement": "I like tea", "type": "preference"}]';
    const plan = await ada.client.api.pkb.proposeUpdates({ conversationId });
    const planId = plan.planId ?? '';
    const claim = await ada.client.api.pkb.claims.create({ statement: 'I am Ada', type: 'fact' });
    const bobConversation = insertConversation(h, bob.user.id).id;

    await expectTrpcCode(bob.client.api.pkb.plans.get({ planId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.pkb.plans.dismiss({ planId }), 'NOT_FOUND');
    await expectTrpcCode(
      bob.client.api.pkb.executeUpdates({ planId, approved: [{ index: 0 }] }),
      'NOT_FOUND',
    );
    await expectTrpcCode(bob.client.api.pkb.plans.latest({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(bob.client.api.pkb.proposeUpdates({ conversationId }), 'NOT_FOUND');
    await expectTrpcCode(
      bob.client.api.pkb.proposeUpdates({ conversationId: bobConversation, messageId: answerId }),
      'NOT_FOUND',
    );
    await expectTrpcCode(bob.client.api.pkb.usage.forMessage({ messageId: answerId }), 'NOT_FOUND');
    await expectTrpcCode(
      bob.client.api.pkb.usage.exclude({
        conversationId: bobConversation,
        claimId: claim.id,
        excluded: true,
      }),
      'NOT_FOUND',
    );
    await expectTrpcCode(
      bob.client.api.pkb.relevantContext({ query: 'tea', conversationId }),
      'NOT_FOUND',
    );
    expect(h.services.db.select().from(conversationClaims).all()).toEqual([]);
    // Ada's plan is untouched and still hers to apply.
    expect((await ada.client.api.pkb.plans.get({ planId })).proposals).toHaveLength(1);
    await ada.client.api.pkb.plans.dismiss({ planId });
    await expectTrpcCode(ada.client.api.pkb.plans.get({ planId }), 'NOT_FOUND');
  });

  it('expired plans are swept when plans are read', async () => {
    turn('I like tea', 'Noted.');
    replies.turn = '[{"statement": "I like tea", "type": "preference"}]';
    const plan = await ada.client.api.pkb.proposeUpdates({ conversationId });
    h.services.db
      .update(pkbPlans)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(pkbPlans.id, plan.planId ?? ''))
      .run();
    expect(await ada.client.api.pkb.plans.latest({ conversationId })).toBeNull();
    expect(planCount()).toBe(0);
  });

  it('settings are per user and default to suggesting memories', async () => {
    expect(await ada.client.api.pkb.settings.get()).toEqual({ autoPropose: true });
    expect(await ada.client.api.pkb.settings.update({ autoPropose: false })).toEqual({
      autoPropose: false,
    });
    expect(await ada.client.api.pkb.settings.get()).toEqual({ autoPropose: false });
    expect(await bob.client.api.pkb.settings.get()).toEqual({ autoPropose: true });
    await expectTrpcCode(
      // @ts-expect-error: a string is not a boolean
      ada.client.api.pkb.settings.update({ autoPropose: 'yes' }),
      'BAD_REQUEST',
    );
  });

  it('excluding a memory from a conversation replaces its pin; including again removes it', async () => {
    const claim = await ada.client.api.pkb.claims.create({ statement: 'I am Ada', type: 'fact' });
    const modes = () =>
      h.services.db
        .select({ mode: conversationClaims.mode })
        .from(conversationClaims)
        .where(
          and(
            eq(conversationClaims.conversationId, conversationId),
            eq(conversationClaims.claimId, claim.id),
          ),
        )
        .all()
        .map((r) => r.mode);
    await ada.client.api.pkb.conversationPins.set({
      conversationId,
      claimId: claim.id,
      pinned: true,
    });
    expect(modes()).toEqual(['pinned']);
    const input = { conversationId, claimId: claim.id };
    expect(await ada.client.api.pkb.usage.exclude({ ...input, excluded: true })).toEqual({
      ...input,
      excluded: true,
    });
    expect(modes()).toEqual(['excluded']);
    await ada.client.api.pkb.usage.exclude({ ...input, excluded: false });
    expect(modes()).toEqual([]);
  });
});
