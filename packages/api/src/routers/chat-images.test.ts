/**
 * Image documents in chat: a referenced image reaches a vision model as an `image_url` part
 * carrying the stored file as a data URL; a model that cannot see, too many or too large images,
 * and someone else's image are refused before any row is written.
 */
import { asc, eq, messages } from '@margin/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, MAX_IMAGES } from '../services/chat/images.js';
import { insertDocumentFixture, insertImageFixture, TINY_PNG } from '../testing/documents.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { startFakeOpenAI, type FakeChatMessage, type FakeOpenAI } from '../testing/fake-openai.js';
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
      ? { content: '<title>Pictures</title><summary>Looked at a picture.</summary>' }
      : { content: 'A transparent pixel [#doc_1].' },
  );
  h = createTestHarness({ llm: fakeLlmConfig(fake.url) });
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

const rows = () =>
  h.services.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.position))
    .all();

async function send(text: string, options: { models?: string[]; documentIds?: string[] } = {}) {
  const sent = await ada.client.api.chat.send({ conversationId, text, options });
  await h.services.jobs.settled(sent.jobId);
  return sent;
}

/** The last user message `model` received (the one carrying documents and images). */
function lastUserMessage(model: string): FakeChatMessage | undefined {
  return fake
    .chatRequests()
    .filter((r) => r.model === model)
    .at(-1)
    ?.messages.at(-1);
}

/** The `image_url` URLs of a message, in order. */
function imageUrls(message: FakeChatMessage | undefined): string[] {
  const content = message?.content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => (p.type === 'image_url' && p.image_url ? [p.image_url.url] : []));
}

/** The text of a message (its text parts). */
function textOf(message: FakeChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((p) => (p.type === 'text' && p.text ? [p.text] : [])).join('\n');
}

const pngUrl = (bytes: Uint8Array) =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

const photo = (title = 'photo.png', bytes?: Uint8Array) =>
  insertImageFixture(h, { userId: ada.user.id, conversationId, title, bytes });

describe('images in chat', () => {
  it('sends a referenced image to a vision model as a data URL after the text', async () => {
    await photo();
    await send('What is in #doc_1?', { models: ['fake-vision'] });
    const message = lastUserMessage('fake-vision');
    expect(message?.role).toBe('user');
    const content = Array.isArray(message?.content) ? message.content : [];
    expect(content.map((p) => p.type)).toEqual(['text', 'image_url']);
    expect(imageUrls(message)).toEqual([pngUrl(TINY_PNG)]);
    const text = textOf(message);
    expect(text).toContain(
      '### #doc_1 "photo.png" (image)\nThe image attached to this message. Cite it as [#doc_1].',
    );
    expect(text).not.toContain('(no text)');
    expect(text.trim().endsWith('What is in #doc_1?')).toBe(true);
    expect(rows().map((r) => [r.role, r.content, r.model])).toEqual([
      ['user', 'What is in #doc_1?', null],
      ['assistant', 'A transparent pixel [#doc_1].', 'fake-vision'],
    ]);
  });

  it('sends an image picked in the composer (documentIds) too', async () => {
    const image = await photo('chart.jpg', Buffer.from('not really a jpeg'));
    await send('Describe this', { models: ['fake-vision'], documentIds: [image.id] });
    expect(imageUrls(lastUserMessage('fake-vision'))).toEqual([
      pngUrl(Buffer.from('not really a jpeg')),
    ]);
  });

  it('#doc_all sends both the text document and the image', async () => {
    insertDocumentFixture(h, {
      userId: ada.user.id,
      conversationId,
      title: 'Caption notes',
      pages: ['The chart shows loop counts per trace.'],
    });
    await photo('chart.png');
    await send('Compare the notes with the chart in #doc_all', { models: ['fake-vision'] });
    const message = lastUserMessage('fake-vision');
    const text = textOf(message);
    expect(text).toContain('[p.1] The chart shows loop counts per trace.');
    expect(text).toContain('### #doc_2 "chart.png" (image)');
    expect(imageUrls(message)).toEqual([pngUrl(TINY_PNG)]);
  });

  it('numbers several images in the order they are attached', async () => {
    const first = Buffer.from('first image');
    const second = Buffer.from('second image');
    await photo('a.png', first);
    await photo('b.png', second);
    await send('Which is brighter, #doc_2 or #doc_1?', { models: ['fake-vision'] });
    const message = lastUserMessage('fake-vision');
    expect(imageUrls(message)).toEqual([pngUrl(first), pngUrl(second)]);
    expect(textOf(message)).toContain('### #doc_1 "a.png" (image)\nImage 1 of 2 attached.');
    expect(textOf(message)).toContain('### #doc_2 "b.png" (image)\nImage 2 of 2 attached.');
  });

  it('refuses an image for a model that cannot see, before writing anything', async () => {
    await photo();
    const err = await expectTrpcCode(send('What is in #doc_1?'), 'PRECONDITION_FAILED');
    expect(err.message).toBe(
      '#doc_1 is an image; choose a model that can see images (e.g. Fake vision) to ask about it.',
    );
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });

  it('refuses a multi-model send when any chosen model cannot see, naming it', async () => {
    await photo();
    const err = await expectTrpcCode(
      send('What is in #doc_1?', { models: ['fake-vision', 'fake-chat'] }),
      'PRECONDITION_FAILED',
    );
    expect(err.message).toBe(
      '#doc_1 is an image, which Fake chat cannot see; choose only models that can see images (e.g. Fake vision) to ask about it.',
    );
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });

  it('refuses #doc_all with an image for a model that cannot see', async () => {
    insertDocumentFixture(h, { userId: ada.user.id, conversationId, pages: ['Some text.'] });
    await photo();
    const err = await expectTrpcCode(send('Summarise #doc_all'), 'PRECONDITION_FAILED');
    expect(err.message).toContain('#doc_2 is an image');
    expect(rows()).toEqual([]);
  });

  it('sends every chosen vision model the image', async () => {
    h.services.config.llm.models.push({
      id: 'fake-vision-2',
      label: 'Fake vision 2',
      vision: true,
      contextWindow: 16_000,
    });
    await photo();
    await send('What is in #doc_1?', { models: ['fake-vision', 'fake-vision-2'] });
    expect(imageUrls(lastUserMessage('fake-vision'))).toEqual([pngUrl(TINY_PNG)]);
    expect(imageUrls(lastUserMessage('fake-vision-2'))).toEqual([pngUrl(TINY_PNG)]);
  });

  it('never sends another user’s image', async () => {
    const bob = await signUp(h, 'bob@example.com');
    const bobsConversation = insertConversation(h, bob.user.id).id;
    const secret = await insertImageFixture(h, {
      userId: bob.user.id,
      conversationId: bobsConversation,
      title: 'secret.png',
    });
    await expectTrpcCode(
      send('Describe it', { models: ['fake-vision'], documentIds: [secret.id] }),
      'NOT_FOUND',
    );
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });

  it(`refuses more than ${MAX_IMAGES} images`, async () => {
    for (let i = 0; i <= MAX_IMAGES; i++) await photo(`p${i}.png`);
    const err = await expectTrpcCode(
      send('Describe #doc_all', { models: ['fake-vision'] }),
      'BAD_REQUEST',
    );
    expect(err.message).toBe(
      `This message refers to ${MAX_IMAGES + 1} images; at most ${MAX_IMAGES} can be sent to a model at once. Refer to fewer of them with #doc_N.`,
    );
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });

  it('refuses an image over the size limit', async () => {
    await photo('huge.png', Buffer.alloc(MAX_IMAGE_BYTES + 1));
    const err = await expectTrpcCode(
      send('What is in #doc_1?', { models: ['fake-vision'] }),
      'BAD_REQUEST',
    );
    expect(err.message).toBe(
      '#doc_1 "huge.png" is too large to send to a model (10.0 MB; at most 10 MB). Upload a smaller version of it.',
    );
    expect(rows()).toEqual([]);
    expect(fake.chatRequests()).toEqual([]);
  });
});
