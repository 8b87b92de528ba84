/**
 * Memory (the personal knowledge base) in the browser against the real server and the fake
 * OpenAI-compatible provider: add and pin a memory, see it under an answer ("Memories used"),
 * approve a suggestion after a reply, import text with a review, the `@memory` palette, phones
 * and dark mode.
 */
import { readFileSync } from 'node:fs';
import type { FakeChatRequest } from '@margin/api/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openPage,
  screenshot,
  setUpFirstAdmin,
  signIn,
  type OpenedPage,
  PHONE,
  newChat,
} from './harness';
import { fakeProviderPerFile, lastUserText } from './provider';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};
const TEA = 'I prefer green tea over coffee';
const LYON = 'I live in Lyon';
const PENICILLIN = 'I am allergic to penicillin';

let main: OpenedPage | undefined;
let conversationUrl = '';
/** What the fast model answers when asked for memories to propose from a chat turn. */
let proposals: unknown[] = [];

function allText(body: FakeChatRequest): string {
  return JSON.stringify(body.messages);
}

/** The question itself, without the context blocks (memories, documents) put before it. */
function question(body: FakeChatRequest): string {
  const text = lastUserText(body);
  const marker = '## Question\n';
  const at = text.lastIndexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : text;
}

/** The server's "extract memories from this turn / these notes" requests to the fast model. */
function isMemoryExtraction(body: FakeChatRequest): boolean {
  const system = body.messages.find((m) => m.role === 'system');
  return typeof system?.content === 'string' && system.content.includes('JSON array');
}

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = allText(body);
    if (text.includes('<title>')) {
      return { content: '<title>Memory test</title><summary>A chat.</summary>' };
    }
    if (text.includes('<suggestion>')) return { content: '<suggestion>And then?</suggestion>' };
    if (isMemoryExtraction(body)) return { content: JSON.stringify(proposals) };
    return { content: `Echo: ${question(body)}` };
  },
  env: { MODEL_FAST: 'fake-fast', MODEL_EMBEDDING: 'fake-embed' },
});

function mainPage(): OpenedPage {
  if (!main) throw new Error('the first test signs in');
  return main;
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const sendButton = (page: Page) => page.getByRole('button', { name: /^Send/ });
const lastAnswer = (page: Page) => page.locator('article[data-role="assistant"]').last();
const memoryList = (page: Page) => page.getByRole('list', { name: 'Memories' });
const toastWith = (page: Page, text: string | RegExp) =>
  page.locator('[data-sonner-toast]', { hasText: text }).last();

async function ask(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await lastAnswer(page).getByText(`Echo: ${text}`).waitFor({ timeout: 20_000 });
  await sendButton(page).waitFor({ timeout: 20_000 });
}

async function openMemory(page: Page) {
  await page.getByRole('link', { name: 'Memory', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Memory' }).waitFor();
}

describe('memory', () => {
  it('adds a memory through the dialog, refuses a duplicate and pins it', async () => {
    const { server, browser } = setup();
    main = await openPage(browser, { baseURL: server.url });
    const { page, problems } = main;
    await setUpFirstAdmin(page, ADMIN);
    await openMemory(page);
    await page.getByText('Nothing remembered yet').waitFor();
    await screenshot(page, 'memory-empty');

    await page.getByRole('button', { name: 'Add your first memory' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a memory' });
    await dialog.getByRole('button', { name: 'Save memory' }).click();
    await dialog.getByText('A memory needs a statement').waitFor();

    await dialog.getByLabel('What should Margin remember?').fill(TEA);
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Preference' }).click();
    await dialog.getByRole('textbox', { name: 'Tags', exact: true }).fill('drinks');
    await dialog.getByRole('textbox', { name: 'Tags', exact: true }).press('Enter');
    await dialog.getByRole('button', { name: 'Save memory' }).click();
    await dialog.waitFor({ state: 'detached' });
    await memoryList(page).getByText(TEA).waitFor();
    await page.getByText('1 memory', { exact: true }).waitFor();

    // The same statement again: the server's CONFLICT is shown in the dialog.
    problems.allow(/409|CONFLICT|Conflict/);
    await page.getByRole('button', { name: 'Add memory' }).click();
    await dialog.getByLabel('What should Margin remember?').fill(TEA);
    await dialog.getByRole('button', { name: 'Save memory' }).click();
    await dialog.getByText(/You already have this memory/).waitFor();
    await screenshot(page, 'memory-duplicate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const row = memoryList(page).getByRole('listitem').filter({ hasText: TEA });
    await row.getByRole('button', { name: /^Pin/ }).click();
    await row.getByRole('button', { name: /^Unpin/ }).waitFor();
    await row.getByText('Pinned', { exact: true }).waitFor();
    await screenshot(page, 'memory-list-light');
    problems.assertNone();
  });

  it('uses the pinned memory in an answer and lists it under "Memories used"', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    conversationUrl = await newChat(page);
    await ask(page, 'What should I drink this afternoon?');

    const sent = fake.chatRequests().find((b) => question(b).includes('drink this afternoon'));
    expect(sent && allText(sent)).toContain(TEA);

    const used = lastAnswer(page).getByRole('button', { name: 'Memories used (1)' });
    await used.waitFor({ timeout: 10_000 });
    await used.click();
    const popover = page.getByRole('dialog', { name: 'Memories used in this answer' });
    await popover.getByText(TEA).waitFor();
    await popover.getByText('Pinned', { exact: true }).waitFor();
    await screenshot(page, 'memory-used-popover');
    await page.keyboard.press('Escape');
    problems.assertNone();
  });

  it('offers memory suggestions after a reply and saves the approved one', async () => {
    const { page, problems } = mainPage();
    await openMemory(page);
    const toggle = page.getByRole('checkbox', { name: 'Suggest memories after replies' });
    if ((await toggle.getAttribute('aria-checked')) !== 'true') {
      await toggle.click();
      await toastWith(page, 'Memory suggestions are on').waitFor();
    }
    await page.goto(conversationUrl);
    proposals = [{ statement: LYON, type: 'fact', domain: 'personal', confidence: 0.9 }];
    await ask(page, 'I just moved to Lyon — any tips for the first week?');

    const card = page.getByRole('status').filter({ hasText: '1 memory suggestion' });
    await card.waitFor({ timeout: 25_000 });
    await screenshot(page, 'memory-suggestion-card');
    await card.getByRole('button', { name: 'Review' }).click();
    const review = page.getByRole('dialog', { name: 'Remember these?' });
    expect(await review.getByLabel('Statement 1').inputValue()).toBe(LYON);
    await screenshot(page, 'memory-suggestion-review');
    await review.getByRole('button', { name: 'Save selected (1)' }).click();
    await toastWith(page, 'Memory saved: 1 added').waitFor();
    await card.waitFor({ state: 'detached' });
    proposals = [];

    await openMemory(page);
    await memoryList(page).getByText(LYON).waitFor();
    problems.assertNone();
  });

  it('imports pasted text after a review', async () => {
    const { page, problems } = mainPage();
    await page.getByRole('tab', { name: 'Import / Export' }).click();
    proposals = [
      { statement: PENICILLIN, type: 'fact', domain: 'health', confidence: 0.95 },
      { statement: TEA, type: 'preference', domain: 'personal', confidence: 0.8 },
    ];
    await page.getByLabel('Text', { exact: true }).fill(`- ${PENICILLIN}\n- ${TEA}`);
    await page.getByRole('button', { name: 'Find memories' }).click();
    const review = page.getByRole('dialog', { name: 'Review imported memories' });
    await review.waitFor({ timeout: 15_000 });
    await review.getByRole('list', { name: 'Proposed memories' }).waitFor();
    const rows = review.getByRole('listitem');
    expect(await rows.count()).toBe(2);
    await screenshot(page, 'memory-import-review');
    // The tea line repeats an existing memory: it is matched and not selected.
    const teaRow = rows.filter({ has: page.getByText(`Existing memory: ${TEA}`) });
    await teaRow.waitFor();
    await review.getByRole('button', { name: 'Save selected (1)' }).click();
    await toastWith(page, 'Memory saved: 1 added').waitFor();
    proposals = [];

    await page.getByRole('tab', { name: 'Memories' }).click();
    await memoryList(page).getByText(PENICILLIN).waitFor();
    await page.getByText('3 memories', { exact: true }).waitFor();

    // Export to a file and merge it back: everything is already there.
    await page.getByRole('tab', { name: 'Import / Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^margin-memory-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { claims: unknown[] };
    expect(exported.claims).toHaveLength(3);
    await page.getByLabel('Memory export file').setInputFiles(file);
    await page.getByText('3 memories, 0 conflicts.').waitFor();
    await page.getByRole('button', { name: 'Add to my memory' }).click();
    await toastWith(page, /0 added, 3 already there/).waitFor();
    problems.assertNone();
  });

  it('adds several at once, filters by tag and resolves a flagged conflict', async () => {
    const { page, problems } = mainPage();
    await page.getByRole('tab', { name: 'Memories' }).click();
    await page.getByRole('button', { name: 'Add several' }).click();
    const bulk = page.getByRole('dialog', { name: 'Add several memories' });
    await bulk.getByLabel('Memories').fill(`- I live in Paris\n- ${TEA}\n`);
    await bulk.getByRole('textbox', { name: 'Tags for all', exact: true }).fill('home');
    await bulk.getByRole('textbox', { name: 'Tags for all', exact: true }).press('Enter');
    await bulk.getByRole('button', { name: 'Add 2 memories' }).click();
    // The tea line repeats a memory: reported, not added.
    await bulk.getByText('1 added, 1 already there').waitFor();
    await screenshot(page, 'memory-bulk-result');
    await bulk.getByRole('button', { name: 'Done' }).click();
    await memoryList(page).getByText('I live in Paris').waitFor();

    await page.getByRole('tab', { name: 'Tags' }).click();
    await page.getByRole('list', { name: 'Tags' }).getByRole('button', { name: /home/ }).click();
    await page.getByRole('button', { name: 'Remove filter Tag: home' }).waitFor();
    await page.getByText('1 memory', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();

    // Two memories that cannot both be true: flag them, then keep one.
    await page.getByRole('button', { name: 'Select' }).click();
    await page.getByRole('checkbox', { name: /Select “I live in Paris”/ }).click();
    await page.getByRole('checkbox', { name: /Select “I live in Lyon”/ }).click();
    await page.getByRole('button', { name: 'Flag conflict (2)' }).click();
    await toastWith(page, 'Flagged as conflicting').waitFor();
    const conflictsTab = page.getByRole('tab', { name: 'Conflicts 1 open' });
    await conflictsTab.waitFor();
    await conflictsTab.click();
    const conflict = page.getByRole('region', { name: 'Conflict' });
    await conflict.getByText('Flagged by you').waitFor();
    await screenshot(page, 'memory-conflict');
    await conflict
      .getByRole('listitem')
      .filter({ hasText: LYON })
      .getByRole('button', { name: 'Keep this one' })
      .click();
    await toastWith(page, 'Kept one').waitFor();
    await page.getByText('No conflicts').waitFor();
    // The other one is retracted: out of the list, still there under "Retracted".
    await page.getByRole('tab', { name: 'Memories' }).click();
    await memoryList(page).getByText(LYON).waitFor();
    await memoryList(page).getByText('I live in Paris').waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Retracted', exact: true }).click();
    const retracted = memoryList(page).getByRole('listitem').filter({ hasText: 'I live in Paris' });
    await retracted.getByText('Retracted', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    problems.assertNone();
  });

  it('finds a memory with @ in the composer and attaches one to the next message', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    await page.goto(conversationUrl);
    const box = composer(page);
    await box.waitFor();
    await box.pressSequentially('Remind me @penicillin');
    const palette = page.getByRole('listbox', { name: 'Memories' });
    await palette.getByRole('option', { name: new RegExp(PENICILLIN) }).waitFor();
    await screenshot(page, 'memory-palette');
    await box.press('Enter');
    expect(await box.inputValue()).toMatch(/^Remind me @memory:\S+ $/);
    const chips = page.getByRole('list', { name: 'Memories for this message' });
    await chips.getByText(PENICILLIN).waitFor();
    await box.fill('');

    // "Use in next message" from the Memory page opened from this conversation.
    await openMemory(page);
    await memoryList(page)
      .getByRole('listitem')
      .filter({ hasText: LYON })
      .getByRole('button', { name: /^Actions for/ })
      .click();
    await page.getByRole('menuitem', { name: 'Use in next message' }).click();
    await page.getByRole('link', { name: 'Back to the conversation' }).click();
    await chips.getByText(LYON).waitFor();
    await screenshot(page, 'memory-attached');
    await ask(page, 'Where should I go running?');
    const sent = fake.chatRequests().find((b) => question(b).includes('go running'));
    expect(sent && allText(sent)).toContain(LYON);
    await chips.waitFor({ state: 'detached' });
    problems.assertNone();
  });

  it('works on a phone and in dark mode', async () => {
    const { server, browser } = setup();
    const phone = await openPage(browser, { baseURL: server.url, ...PHONE });
    try {
      await signIn(phone.page, ADMIN, '/memory');
      await memoryList(phone.page).getByText(TEA).waitFor();
      await screenshot(phone.page, 'memory-mobile-390');
      await phone.page.goto(conversationUrl);
      await phone.page.getByRole('button', { name: 'Memories used (1)' }).first().tap();
      await phone.page.getByRole('dialog', { name: 'Memories used in this answer' }).waitFor();
      await screenshot(phone.page, 'memory-used-mobile-390');
      phone.problems.assertNone();
    } finally {
      await phone.context.close();
    }

    const dark = await openPage(browser, { baseURL: server.url, colorScheme: 'dark' });
    try {
      await signIn(dark.page, ADMIN, '/memory');
      await memoryList(dark.page).getByText(TEA).waitFor();
      await screenshot(dark.page, 'memory-list-dark');
      await dark.page.goto(conversationUrl);
      await lastAnswer(dark.page).waitFor();
      await dark.page
        .getByRole('button', { name: /memory pinned to this chat|Pin memories/ })
        .click();
      const pins = dark.page.getByRole('dialog', { name: 'Memories pinned to this chat' });
      await pins.getByRole('searchbox', { name: 'Find a memory to pin' }).fill('penicillin');
      await pins
        .getByRole('list', { name: 'Search results' })
        .getByRole('listitem')
        .filter({ hasText: PENICILLIN })
        .getByRole('button', { name: 'Pin' })
        .click();
      await pins.getByRole('list', { name: 'Pinned to this chat' }).getByText(PENICILLIN).waitFor();
      await dark.page.getByRole('button', { name: '1 memory pinned to this chat' }).waitFor();
      await screenshot(dark.page, 'memory-chat-dark');
      dark.problems.assertNone();
    } finally {
      await dark.context.close();
    }
  });
});
