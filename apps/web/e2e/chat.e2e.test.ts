/**
 * Chat in the browser against the real server and the fake OpenAI-compatible provider: streaming,
 * title and suggestions, stop, resume after a reload, several models, unsaved turns, provider
 * failure, the slash palette, options, phones, dark mode, and a server without a provider.
 */
import type { FakeChatRequest } from '@margin/api/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openPage,
  screenshot,
  signIn,
  startServer,
  type OpenedPage,
  setUpFirstAdmin,
  PHONE,
  newChat,
} from './harness';
import { fakeProviderPerFile, lastUserText } from './provider';

const ADMIN = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-1952-cobol' };
const TITLE = 'Streaming answers explained';
const SUGGESTIONS = [
  'How small is each chunk?',
  'What happens if the connection drops?',
  'Can I stop an answer?',
  'Why stream at all?',
];

let main: OpenedPage | undefined;
let conversationUrl = '';

/** Title/summary and suggestion requests made by the server after each turn. */
function isAfterTurn(body: FakeChatRequest): boolean {
  const text = JSON.stringify(body.messages);
  return text.includes('<title>') || text.includes('<suggestion>');
}

const asks =
  (question: string, model?: string) =>
  (body: FakeChatRequest): boolean =>
    !isAfterTurn(body) &&
    lastUserText(body).includes(question) &&
    (model === undefined || body.model === model);

function words(prefix: string, count: number, end: string): string[] {
  return [...Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1)} `), end];
}

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = JSON.stringify(body.messages);
    if (text.includes('<title>')) {
      return { content: `<title>${TITLE}</title><summary>How streaming works.</summary>` };
    }
    if (text.includes('<suggestion>')) {
      return { content: SUGGESTIONS.map((s) => `<suggestion>${s}</suggestion>`).join('\n') };
    }
    return { content: `Echo: ${lastUserText(body)}`, chunkDelayMs: 20 };
  },
  env: {
    MODELS: JSON.stringify([
      { id: 'fake-chat', label: 'Fake chat' },
      { id: 'fake-vision', label: 'Fake vision', vision: true },
    ]),
  },
});

function mainPage(): OpenedPage {
  if (!main) throw new Error('the first test signs in');
  return main;
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const sendButton = (page: Page) => page.getByRole('button', { name: /^Send/ });
const stopButton = (page: Page) => page.getByRole('button', { name: /^Stop the answer/ });
const answers = (page: Page) => page.locator('article[data-role="assistant"]');
const lastAnswer = (page: Page): Locator => answers(page).last();

async function ask(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Waits until no reply runs (the Send button is back). */
async function idle(page: Page) {
  await sendButton(page).waitFor({ timeout: 20_000 });
}

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

describe('chat', () => {
  it('streams an answer, titles the chat and sends a suggested question', async () => {
    const { fake, server, browser } = setup();
    main = await openPage(browser, { baseURL: server.url });
    const { page } = main;
    await signUp(page);

    conversationUrl = await newChat(page);
    await expect(sendButton(page).isDisabled()).resolves.toBe(true);

    const question = 'How does streaming work?';
    fake.script({
      match: asks(question),
      chunks: [
        'Streaming sends ',
        'the answer ',
        'in small pieces. ',
        ...words('piece', 16, '\n\nEach piece is shown as it arrives — END-OF-ANSWER.'),
      ],
      chunkDelayMs: 120,
    });
    await ask(page, question);

    // The user's turn shows at once; the answer grows in place.
    await page.locator('article[data-role="user"]', { hasText: question }).waitFor();
    await lastAnswer(page).getByText('Streaming sends the answer').waitFor();
    expect(await lastAnswer(page).textContent()).not.toContain('END-OF-ANSWER');
    await stopButton(page).waitFor();
    await page.getByRole('status').filter({ hasText: 'Thinking…' }).waitFor();
    await screenshot(page, 'chat-streaming-light');

    await lastAnswer(page).getByText('END-OF-ANSWER').waitFor();
    await idle(page);
    expect(await lastAnswer(page).getByText('Writing…').count()).toBe(0);

    // Title from the fast model, in the header and in the sidebar.
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 10_000 });
    await page
      .getByRole('link', { name: new RegExp(TITLE) })
      .first()
      .waitFor();

    // Next-question chips; a click sends the question.
    const chips = page.getByRole('group', { name: 'Suggested questions' });
    await chips.getByRole('button', { name: SUGGESTIONS[0] }).waitFor({ timeout: 10_000 });
    expect(await chips.getByRole('button').count()).toBe(4);
    await screenshot(page, 'chat-done-suggestions');

    const suggestion = SUGGESTIONS[0] ?? '';
    fake.script({ match: asks(suggestion), content: 'Each chunk is a few words. CHUNK-ANSWER' });
    await chips.getByRole('button', { name: suggestion }).click();
    await page.locator('article[data-role="user"]', { hasText: suggestion }).waitFor();
    await lastAnswer(page).getByText('CHUNK-ANSWER').waitFor();
    await idle(page);
    expect(fake.chatRequests().some(asks(suggestion))).toBe(true);
    main.problems.assertNone();
  });

  it('offers the slash commands and the options', async () => {
    const { page, problems } = mainPage();
    const box = composer(page);
    await box.fill('');
    // "/" outside the composer focuses it; typed inside, it opens the palette.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('/');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe('');
    await box.pressSequentially('/');
    const palette = page.getByRole('listbox', { name: 'Commands' });
    await palette.waitFor();
    expect(await palette.getByRole('option').count()).toBe(5);
    await box.press('Backspace');
    await box.pressSequentially('/t');
    expect(await palette.getByRole('option').count()).toBe(2);
    await screenshot(page, 'chat-slash-palette');
    await box.press('ArrowDown');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('/title ');
    await box.press('Escape');
    await box.fill('/title Streaming notes');
    await palette.waitFor({ state: 'detached' });
    await box.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Title set to' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Streaming notes' }).waitFor();

    // Esc closes the palette without touching the text.
    await box.fill('/de');
    await palette.waitFor();
    await box.press('Escape');
    await palette.waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe('/de');
    await box.fill('');

    await page.getByRole('button', { name: /^Options/ }).click();
    const options = page.getByRole('dialog', { name: 'Chat options' });
    await options.waitFor();
    await options.getByRole('radio', { name: 'Detailed' }).click();
    expect(
      await options.getByRole('radio', { name: 'Detailed' }).getAttribute('aria-checked'),
    ).toBe('true');
    await options.getByRole('checkbox', { name: 'Use memory pad' }).waitFor();
    await options.getByRole('checkbox', { name: 'Save this chat turn' }).waitFor();
    await screenshot(page, 'chat-options-popover');
    await options.getByRole('radio', { name: 'Normal' }).click();
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    problems.assertNone();
  });

  it('stops a reply and keeps the partial text', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    fake.script({
      match: asks('Tell me a slow story'),
      chunks: words('once', 30, 'SLOW-END'),
      chunkDelayMs: 150,
    });
    await ask(page, 'Tell me a slow story');
    await lastAnswer(page).getByText('once4').waitFor();
    await stopButton(page).click();
    await lastAnswer(page).getByText('Stopped', { exact: true }).waitFor();
    await idle(page);
    const text = (await lastAnswer(page).textContent()) ?? '';
    expect(text).toContain('once4');
    expect(text).not.toContain('SLOW-END');
    await page.getByRole('status').filter({ hasText: 'Stopped' }).waitFor();
    await screenshot(page, 'chat-stopped');
    // After a reload the stored state says the same.
    await page.reload();
    await lastAnswer(page).getByText('Stopped', { exact: true }).waitFor();
    expect(await lastAnswer(page).textContent()).toContain('once4');

    // Esc stops as well.
    fake.script({
      match: asks('Yet another story'),
      chunks: words('thrice', 30, 'ESC-END'),
      chunkDelayMs: 150,
    });
    await ask(page, 'Yet another story');
    await lastAnswer(page).getByText('thrice3').waitFor();
    await composer(page).press('Escape');
    await lastAnswer(page).getByText('Stopped', { exact: true }).waitFor();
    await idle(page);
    expect(await lastAnswer(page).textContent()).not.toContain('ESC-END');
    problems.assertNone();
  });

  it('keeps streaming after a reload', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    fake.script({
      match: asks('Another slow story'),
      chunks: words('twice', 40, 'RESUMED-END'),
      chunkDelayMs: 150,
    });
    await ask(page, 'Another slow story');
    await lastAnswer(page).getByText('twice3').waitFor();
    await page.reload();
    await composer(page).waitFor();
    // The answer is rebuilt from the job's replay and keeps growing until it ends.
    await stopButton(page).waitFor();
    await lastAnswer(page).getByText('twice1 twice2 twice3').waitFor();
    // Scrolled up while it streams: a pill offers the new text.
    await page.getByRole('region', { name: 'Messages' }).evaluate((el) => {
      el.scrollBy(0, -400);
    });
    const pill = page.getByRole('button', { name: 'New text' });
    await pill.waitFor();
    await screenshot(page, 'chat-new-text-pill');
    await pill.click();
    await pill.waitFor({ state: 'detached' });
    await lastAnswer(page).getByText('RESUMED-END').waitFor({ timeout: 15_000 });
    await idle(page);
    const text = (await lastAnswer(page).textContent()) ?? '';
    expect(text).toContain('twice1 twice2 twice3');
    expect(text).not.toContain('Writing…');
    problems.assertNone();
  });

  it('asks two models and shows their answers as tabs', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    await page.getByRole('button', { name: /^Model:/ }).click();
    const picker = page.getByRole('dialog', { name: 'Models' });
    await picker.getByRole('checkbox', { name: /Fake vision/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Model: 2 models' }).waitFor();

    fake.script(
      {
        match: asks('Compare please', 'fake-chat'),
        content: 'Chat model view: ANSWER-CHAT',
        chunkDelayMs: 150,
      },
      {
        match: asks('Compare please', 'fake-vision'),
        content: 'Vision model view: ANSWER-VISION',
        chunkDelayMs: 200,
      },
    );
    await ask(page, 'Compare please');
    const tabs = page.getByRole('tablist', { name: 'Answers by model' });
    await tabs.waitFor();
    await page.getByRole('status').filter({ hasText: 'Asking 2 models' }).waitFor();
    await lastAnswer(page).getByText('ANSWER-CHAT').waitFor();
    await idle(page);
    await tabs.getByRole('tab', { name: /Fake vision/ }).click();
    await lastAnswer(page).getByText('ANSWER-VISION').waitFor();
    await screenshot(page, 'chat-two-models');

    // Back to one model.
    await page.getByRole('button', { name: /^Model:/ }).click();
    await picker.getByRole('checkbox', { name: /Fake vision/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Model: Fake chat' }).waitFor();
    problems.assertNone();
  });

  it('shows an unsaved /temp turn until the page reloads', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    fake.script({ match: asks('What is ephemeral?'), content: 'Gone soon: TEMP-ANSWER' });
    // Ctrl+Enter sends too.
    await composer(page).fill('/temp What is ephemeral?');
    await composer(page).press('Control+Enter');
    await lastAnswer(page).getByText('TEMP-ANSWER').waitFor();
    await lastAnswer(page).getByText('Not saved').waitFor();
    await idle(page);
    await page.reload();
    await lastAnswer(page).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText('TEMP-ANSWER').count()).toBe(0);
    expect(await page.getByText('What is ephemeral?').count()).toBe(0);
    problems.assertNone();
  });

  it('shows a provider failure on the message and as a toast', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    fake.script({
      match: asks('This will break'),
      chunks: words('partial', 10, 'NEVER'),
      chunkDelayMs: 80,
      failAfterChunks: 4,
    });
    await ask(page, 'This will break');
    await lastAnswer(page).getByText('Failed', { exact: true }).waitFor({ timeout: 15_000 });
    await lastAnswer(page).getByText('This answer failed').waitFor();
    expect(await lastAnswer(page).textContent()).toContain('partial3');
    await screenshot(page, 'chat-error');
    await page.locator('[data-sonner-toast]', { hasText: 'The answer failed' }).waitFor();
    problems.assertNone();
  });

  it('works on a phone and in dark mode', async () => {
    const { fake, server, browser } = setup();
    const phone = await openPage(browser, { baseURL: server.url, ...PHONE });
    try {
      await signIn(phone.page, ADMIN, conversationUrl);
      const { page } = phone;
      await composer(page).waitFor();
      // On touch screens Enter is a newline; the Send button sends.
      await composer(page).fill('Line one');
      await composer(page).press('Enter');
      await composer(page).pressSequentially('Line two');
      expect(await composer(page).inputValue()).toBe('Line one\nLine two');
      await screenshot(page, 'chat-mobile-390');
      fake.script({ match: asks('Line two'), content: 'Two lines received. PHONE-ANSWER' });
      await sendButton(page).tap();
      await lastAnswer(page).getByText('PHONE-ANSWER').waitFor();
      await idle(page);
      await page.getByRole('button', { name: /^Options/ }).tap();
      await page.getByRole('dialog', { name: 'Chat options' }).waitFor();
      await screenshot(page, 'chat-mobile-options');
      phone.problems.assertNone();
    } finally {
      await phone.context.close();
    }

    const dark = await openPage(browser, { baseURL: server.url, colorScheme: 'dark' });
    try {
      await signIn(dark.page, ADMIN, conversationUrl);
      await lastAnswer(dark.page).waitFor();
      await dark.page.waitForTimeout(300);
      await screenshot(dark.page, 'chat-dark');
      dark.problems.assertNone();
    } finally {
      await dark.context.close();
    }
  });

  it('says so when the server has no model provider', async () => {
    const { browser } = setup();
    const bare = await startServer();
    const opened = await openPage(browser, { baseURL: bare.url });
    try {
      await signUp(opened.page);
      const { page } = opened;
      await newChat(page);
      await page.getByText('No model provider configured').first().waitFor();
      expect(await sendButton(page).isDisabled()).toBe(true);
      expect(await composer(page).isDisabled()).toBe(true);
      await screenshot(page, 'chat-no-provider');
      opened.problems.assertNone();
    } finally {
      await opened.context.close();
      await bare.stop();
    }
  });
});
