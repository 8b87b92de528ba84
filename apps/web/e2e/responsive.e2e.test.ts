/**
 * The settings the domain files leave out (see the coverage matrix in the hardening issue): each
 * domain's main action on a 390 px phone in the dark theme, plus audio and the code runner on the
 * desktop in the dark theme and audio on a light phone. Each journey checks the page does not
 * scroll sideways and saves `<domain>-<width>-<theme>.png`.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mutate, openPage, type OpenedPage, screenshot, setUpFirstAdmin, PHONE } from './harness';
import { fakeProviderPerFile, lastUserText, systemText } from './provider';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};
const CODE_ANSWER = 'Here it is:\n\n```python\nprint(6 * 7)\n```\n\nThat prints the answer.';

const setup = fakeProviderPerFile({
  respond: (body) => {
    const system = systemText(body);
    const text = JSON.stringify(body.messages);
    if (system.includes('You name and summarise documents')) {
      return { content: '<title>Field notes</title><summary>Notes about tracing.</summary>' };
    }
    if (system.includes('clear up doubts'))
      return { content: 'DOUBT-ANSWER: because of the scale.' };
    // Memory extraction after a turn: nothing to propose.
    if (system.includes('JSON array')) return { content: '[]' };
    if (text.includes('<title>'))
      return { content: '<title>Phone chat</title><summary>s</summary>' };
    if (text.includes('<suggestion>')) return { content: '<suggestion>Tell me more</suggestion>' };
    const question = lastUserText(body);
    if (question.includes('compute')) return { content: CODE_ANSWER };
    return { content: `Echo: ${question.slice(question.lastIndexOf('\n') + 1)}` };
  },
  env: { MODEL_EMBEDDING: 'fake-embed', MODEL_TTS: 'fake-tts', MODEL_STT: 'fake-stt' },
});

type Setting = 'desktop-dark' | '390-light' | '390-dark';

let signedIn: BrowserContextOptions['storageState'];

/** A signed-in page at a width and theme; phones are touch devices, as in the domain files. */
async function openAt(browser: Browser, baseURL: string, setting: Setting): Promise<OpenedPage> {
  if (!signedIn) throw new Error('the first test signs in');
  const phone = setting.startsWith('390');
  return openPage(browser, {
    baseURL,
    storageState: signedIn,
    colorScheme: setting.endsWith('dark') ? 'dark' : 'light',
    ...(phone ? PHONE : { viewport: { width: 1280, height: 800 } }),
  });
}

/** Runs `journey` at `setting`, then checks for sideways scrolling and browser errors. */
async function at(setting: Setting, journey: (page: Page) => Promise<void>): Promise<void> {
  const { server, browser } = setup();
  const { page, problems, context } = await openAt(browser, server.url, setting);
  try {
    await journey(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
    problems.assertNone();
  } finally {
    await context.close();
  }
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const lastAnswer = (page: Page) => page.locator('article[data-role="assistant"]').last();
const sendButton = (page: Page) => page.getByRole('button', { name: /^Send/ });

/** Sends with the Send button (on touch screens Enter makes a new line). */
async function ask(page: Page, question: string, expected: string) {
  await composer(page).fill(question);
  await sendButton(page).click();
  await lastAnswer(page).getByText(expected).waitFor({ timeout: 20_000 });
  await sendButton(page).waitFor({ timeout: 20_000 });
}

async function newConversation(page: Page): Promise<string> {
  // The request needs the app's origin (and its session cookie).
  if (!page.url().startsWith('http')) await page.goto('/');
  const { id } = await mutate<{ id: string }>(page, 'conversations.create', {
    domain: 'assistant',
  });
  return `/c/${id}`;
}

/** A conversation with one answer, made on the desktop (shared by the journeys that need one). */
let chatUrl = '';
let codeUrl = '';

describe('responsive and dark', () => {
  it('sets up an account with a conversation', async () => {
    const { server, browser } = setup();
    const { page, problems, context } = await openPage(browser, { baseURL: server.url });
    await setUpFirstAdmin(page, ADMIN);
    chatUrl = await newConversation(page);
    await page.goto(chatUrl);
    await ask(page, 'What is a tracing JIT?', 'Echo: What is a tracing JIT?');
    signedIn = await context.storageState();
    problems.assertNone();
    await context.close();
  });

  it('chat: asks a question on a dark phone', async () => {
    await at('390-dark', async (page) => {
      await page.goto(await newConversation(page));
      await ask(page, 'Why do loops get hot?', 'Echo: Why do loops get hot?');
      await page.getByRole('button', { name: 'Tell me more' }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'chat-390-dark');
    });
  });

  it('organise: creates a workspace and finds a chat from the drawer on a dark phone', async () => {
    await at('390-dark', async (page) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Open sidebar' }).click();
      const drawer = page.getByRole('dialog', { name: 'Sidebar' });
      await drawer.getByRole('button', { name: 'New workspace', exact: true }).click();
      const create = page.getByRole('dialog', { name: 'New workspace' });
      await create.getByLabel('Name').fill('Papers');
      await create.getByRole('button', { name: 'Create' }).click();
      await create.waitFor({ state: 'detached' });
      await drawer.getByRole('button', { name: /^Papers/ }).waitFor();
      await screenshot(page, 'organise-390-dark');

      await drawer.getByRole('button', { name: 'Search chats' }).click();
      await page.getByRole('combobox', { name: 'Search conversations' }).fill('tracing');
      await page.getByRole('option').first().click();
      await page.waitForURL(/\/c\/[^/]+\/m\/[^/]+$/);
      await lastAnswer(page).getByText('Echo: What is a tracing JIT?').waitFor();
    });
  });

  it('documents: attaches a file on a dark phone', async () => {
    await at('390-dark', async (page) => {
      await page.goto(await newConversation(page));
      await composer(page).waitFor();
      await page.locator('input[type="file"][aria-label="Attach files"]').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Tracing JITs record hot loops and compile them.\n'.repeat(20)),
      });
      const bar = page.getByRole('region', { name: 'Documents' });
      await bar
        .locator('li[data-document-ordinal="1"][data-status="ready"]')
        .waitFor({ timeout: 30_000 });
      await bar.getByText('Field notes').waitFor();
      await screenshot(page, 'documents-390-dark');
    });
  });

  it('doubts: asks a doubt about an answer on a dark phone', async () => {
    await at('390-dark', async (page) => {
      await page.goto(chatUrl);
      const answer = lastAnswer(page);
      await answer.getByText('Echo: What is a tracing JIT?').waitFor();
      await answer.locator('..').getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Ask a doubt' }).click();
      const sheet = page.getByRole('dialog');
      const question = sheet.getByLabel('Ask a new question about this message');
      await question.fill('Why only loops?');
      await sheet.getByRole('button', { name: 'Ask', exact: true }).click();
      await sheet.getByText('DOUBT-ANSWER').waitFor({ timeout: 20_000 });
      await sheet.getByText('Answered').waitFor();
      await screenshot(page, 'doubts-390-dark');
    });
  });

  it('memory: adds a memory on a dark phone; the section tabs fit', async () => {
    await at('390-dark', async (page) => {
      await page.goto('/memory');
      await page.getByRole('heading', { level: 1, name: 'Memory' }).waitFor();
      // The section tabs scroll sideways inside their row; the last one can be brought into view.
      const last = page
        .getByRole('tablist', { name: 'Memory sections' })
        .getByRole('tab', { name: 'Import / Export' });
      await last.scrollIntoViewIfNeeded();
      const box = await last.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await screenshot(page, 'memory-390-dark-tabs');
      await page.getByRole('tab', { name: 'Memories' }).scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Add your first memory' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a memory' });
      await dialog.getByLabel('What should Margin remember?').fill('I read papers on my phone');
      await dialog.getByRole('button', { name: 'Save memory' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page
        .getByRole('list', { name: 'Memories' })
        .getByText('I read papers on my phone')
        .waitFor();
      await screenshot(page, 'memory-390-dark');
    });
  });

  it('prompts: previews a prompt on a dark phone', async () => {
    await at('390-dark', async (page) => {
      await page.goto('/prompts');
      await page
        .getByRole('complementary', { name: 'Prompts' })
        .getByRole('link', { name: /^concise_answer\b/ })
        .click();
      const details = page.getByRole('region', { name: 'Prompt details' });
      await details.getByRole('heading', { name: 'concise_answer' }).waitFor();
      await details.getByRole('tab', { name: 'Preview' }).click();
      await details.getByRole('region', { name: 'Composed prompt' }).locator('p').first().waitFor();
      await screenshot(page, 'prompts-390-dark');
    });
  });

  for (const setting of ['desktop-dark', '390-light', '390-dark'] as const) {
    it(`audio: reads an answer aloud (${setting})`, async () => {
      await at(setting, async (page) => {
        await page.goto(chatUrl);
        const answer = lastAnswer(page);
        await answer.getByText('Echo: What is a tracing JIT?').waitFor();
        await answer.hover();
        await answer.getByRole('button', { name: 'Read aloud' }).click();
        const player = page.getByTestId('read-aloud');
        await player.locator('audio').waitFor({ timeout: 20_000 });
        // The served MP3 loaded (its length shows instead of 0:00).
        await page.waitForFunction(
          () =>
            document.querySelector<HTMLAudioElement>('[data-testid="read-aloud"] audio')
              ?.readyState !== 0,
          undefined,
          { timeout: 10_000 },
        );
        await screenshot(page, `audio-${setting.replace('desktop', '1280')}`);
      });
    });
  }

  for (const setting of ['desktop-dark', '390-dark'] as const) {
    it(`code runner: runs a python block of an answer (${setting})`, async () => {
      await at(setting, async (page) => {
        if (!codeUrl) {
          codeUrl = await newConversation(page);
          await page.goto(codeUrl);
          await ask(page, 'Please compute six times seven', 'That prints the answer.');
        } else {
          await page.goto(codeUrl);
        }
        const python = lastAnswer(page).locator('.md-code').filter({ hasText: 'print(6 * 7)' });
        await python.getByRole('button', { name: 'Run' }).click();
        await python.getByTestId('run-stdout').getByText('42').waitFor({ timeout: 15_000 });
        await python.scrollIntoViewIfNeeded();
        await screenshot(page, `code-runner-${setting.replace('desktop', '1280')}`);
      });
    });
  }
});
