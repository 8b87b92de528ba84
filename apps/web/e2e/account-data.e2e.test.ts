/**
 * "Your data" in the browser against the real server and the fake provider: Ada's account (a
 * chat with a document, a personal prompt, a memory) is counted and downloaded as one file;
 * Grace imports that file with visible progress, finds the chat in her sidebar with its messages
 * and its document re-indexed; a second import adds nothing; broken, empty and oversized files
 * are refused with a visible reason and nothing added; keyboard, phone and dark mode.
 */
import type { FakeChatRequest } from '@margin/api/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  mutate,
  openPage,
  screenshot,
  setUpFirstAdmin,
  signIn as signInForm,
  type OpenedPage,
} from './harness';
import { fakeProviderPerFile } from './provider';

const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine-1843' };
const GRACE = { name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol-forever-1959' };
const TITLE = 'Engine notes';
const QUESTION = 'What could the Analytical Engine compute?';
const ANSWER = `Echo: ${QUESTION}`;
const MEMORY = 'I keep my notes in Markdown';
const PROMPT = 'engine_explainer';

let ada: OpenedPage | undefined;
let grace: OpenedPage | undefined;
/** Ada's export, downloaded in the first test. */
let exportFile = '';
const files = mkdtempSync(join(tmpdir(), 'margin-account-data-'));
const BROKEN = join(files, 'broken.json');
writeFileSync(BROKEN, JSON.stringify({ format: 'nope' }));

function allText(body: FakeChatRequest): string {
  return JSON.stringify(body.messages);
}

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = allText(body);
    if (text.includes('You name and summarise documents')) {
      return { content: '<title>Engine diagram notes</title><summary>Notes.</summary>' };
    }
    if (text.includes('<title>')) {
      return { content: `<title>${TITLE}</title><summary>About the engine.</summary>` };
    }
    if (text.includes('<suggestion>')) return { content: '<suggestion>And loops?</suggestion>' };
    if (text.includes('JSON array')) return { content: '[]' };
    return { content: ANSWER };
  },
  env: {
    MODEL_EMBEDDING: 'fake-embed',
    // Small, so an oversized file is cheap to make.
    MAX_IMPORT_MB: '1',
  },
});

afterAll(() => {
  rmSync(files, { recursive: true, force: true });
});

function opened(page: OpenedPage | undefined): OpenedPage {
  if (!page) throw new Error('an earlier test signs this account in');
  return page;
}

const accountButton = (page: Page) => page.getByRole('button', { name: 'Account menu' });
const dataDialog = (page: Page) => page.getByRole('dialog', { name: 'Your data' });
const summaryLine = (page: Page) => dataDialog(page).getByTestId('data-export-summary');
const fileInput = (page: Page) => dataDialog(page).getByLabel('Account export file');
const importButton = (page: Page) => dataDialog(page).getByRole('button', { name: /^Import/ });
const importResult = (page: Page) =>
  dataDialog(page)
    .getByRole('status')
    .filter({ hasText: /^Imported / });
const importError = (page: Page) =>
  dataDialog(page).getByRole('alert').filter({ hasText: 'Couldn’t import' });
const sidebarRow = (page: Page, title: string) =>
  page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: title });

async function signIn(page: Page, user: { email: string; password: string }) {
  await signInForm(page, user);
  await accountButton(page).waitFor();
}

async function openDataDialog(page: Page) {
  await accountButton(page).click();
  await page.getByRole('menuitem', { name: 'Your data…' }).click();
  await dataDialog(page).waitFor();
  await summaryLine(page).waitFor();
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

interface Summary {
  conversations: number;
  messages: number;
  documents: number;
  documentBytes: number;
  prompts: number;
  memories: number;
  workspaces: number;
}

async function summary(page: Page): Promise<Summary> {
  const response = await page.request.get('/trpc/account.summary');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: Summary } } }).result.data.json;
}

/** Chooses a file in the dialog and imports it. */
async function importFile(page: Page, path: string) {
  await fileInput(page).setInputFiles(path);
  await importButton(page).click();
}

describe('your data: export and import the whole account', () => {
  it('counts what the export holds and downloads it', async () => {
    const { server, browser } = setup();
    ada = await openPage(browser, { baseURL: server.url });
    const { page, problems } = ada;
    await setUpFirstAdmin(page, ADA);

    // A chat with an answer and a document, a personal prompt, a memory.
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await page.waitForURL('**/c/**');
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill(QUESTION);
    await composer.press('Enter');
    await page.locator('article[data-role="assistant"]').getByText(ANSWER).waitFor();
    await sidebarRow(page, TITLE).waitFor({ timeout: 20_000 });
    const notes = join(files, 'engine-notes.md');
    writeFileSync(notes, '# Engine\n\nThe mill and the store.\n');
    await page.locator('input[type="file"][aria-label="Attach files"]').setInputFiles(notes);
    await page
      .getByRole('region', { name: 'Documents' })
      .locator('li[data-document-ordinal="1"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });
    await mutate(page, 'prompts.create', {
      name: PROMPT,
      content: 'Explain the Analytical Engine to a curious child.',
    });
    await mutate(page, 'pkb.claims.create', { statement: MEMORY, type: 'preference' });

    await openDataDialog(page);
    const counts = await summary(page);
    expect(counts).toMatchObject({ conversations: 1, messages: 2, documents: 1, prompts: 1 });
    expect(counts.memories).toBe(1);
    expect(await summaryLine(page).textContent()).toMatch(
      new RegExp(
        `^1 conversation · 2 messages · 1 document \\(\\d+ B\\) · 1 prompt · 1 memory · ${String(counts.workspaces)} workspaces?$`,
      ),
    );
    await dataDialog(page).getByText('Not included: sign-ins and API tokens').waitFor();
    await screenshot(page, 'account-data-dialog-light');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dataDialog(page).getByRole('link', { name: 'Download everything' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^margin-account-\d{4}-\d{2}-\d{2}\.json$/);
    exportFile = join(files, download.suggestedFilename());
    await download.saveAs(exportFile);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as {
      format: string;
      account: { email: string };
      conversations: {
        title: string;
        messages: { content: string }[];
        documents: { filename: string; content: string | null }[];
      }[];
      prompts: { name: string }[];
      memory: { claims: { statement: string }[] };
    };
    expect(exported.format).toBe('margin-account');
    expect(exported.account.email).toBe(ADA.email);
    expect(exported.conversations).toHaveLength(1);
    const [chat] = exported.conversations;
    expect(chat?.title).toBe(TITLE);
    expect(chat?.messages.map((m) => m.content)).toEqual([QUESTION, ANSWER]);
    expect(chat?.documents[0]?.filename).toBe('engine-notes.md');
    expect(Buffer.from(chat?.documents[0]?.content ?? '', 'base64').toString()).toContain(
      'The mill and the store.',
    );
    expect(exported.prompts.map((p) => p.name)).toEqual([PROMPT]);
    expect(exported.memory.claims.map((c) => c.statement)).toEqual([MEMORY]);

    // Escape closes it and gives focus back to the account menu's button.
    await page.keyboard.press('Escape');
    await dataDialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(accountButton(page))).toBe(true);

    // A second account, made by the admin.
    await mutate(page, 'admin.users.create', GRACE);
    problems.assertNone();
  });

  it('imports the export into another account with visible progress', async () => {
    const { server, browser } = setup();
    grace = await openPage(browser, { baseURL: server.url });
    const { page, problems } = grace;
    await signIn(page, GRACE);
    expect(await sidebarRow(page, TITLE).count()).toBe(0);

    await openDataDialog(page);
    expect(await summaryLine(page).textContent()).toMatch(
      /^0 conversations · 0 messages · 0 documents · 0 prompts · 0 memories · \d+ workspaces?$/,
    );
    await fileInput(page).setInputFiles(exportFile);
    await dataDialog(page)
      .getByTestId('data-import-file')
      .getByText(/^margin-account-.*\.json$/)
      .waitFor();

    // Hold the request a moment so the running state can be seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/trpc/account.import', async (route) => {
      await held;
      await route.continue();
    });
    await importButton(page).click();
    const busy = dataDialog(page).getByRole('button', { name: 'Importing…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    await dataDialog(page).getByRole('progressbar').waitFor();
    await dataDialog(page)
      .getByRole('status')
      .filter({ hasText: /^(Uploading|Importing) margin-account-/ })
      .waitFor();
    await screenshot(page, 'account-data-importing');
    release();

    await importResult(page).waitFor({ timeout: 30_000 });
    const result = await importResult(page).textContent();
    expect(result).toContain(
      'Added 1 conversation (2 messages), 1 document (re-indexing), 1 prompt and 1 memory.',
    );
    await page.unroute('**/trpc/account.import');
    // The summary and the sidebar were refreshed.
    await summaryLine(page)
      .getByText(/^1 conversation · 2 messages · 1 document/)
      .waitFor();
    expect(await summary(page)).toMatchObject({
      conversations: 1,
      messages: 2,
      documents: 1,
      prompts: 1,
      memories: 1,
    });
    await screenshot(page, 'account-data-imported-light');

    await dataDialog(page).getByRole('button', { name: 'Close' }).click();
    await dataDialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(accountButton(page))).toBe(true);
    await sidebarRow(page, TITLE).click();
    await page.waitForURL('**/c/**');
    await page.locator('article[data-role="user"]').getByText(QUESTION).waitFor();
    await page.locator('article[data-role="assistant"]').getByText(ANSWER).waitFor();
    // The document came with its file and is indexed again for Grace.
    await page
      .getByRole('region', { name: 'Documents' })
      .locator('li[data-document-ordinal="1"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'account-data-imported-chat');
    problems.assertNone();
  });

  it('adds nothing the second time and refuses broken, empty and oversized files', async () => {
    const { page, problems } = opened(grace);
    problems.allow(/status of (400|413)/);
    await openDataDialog(page);
    const before = await summary(page);

    // Closed while it runs, the import goes on and a toast says how it ended.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/trpc/account.import', async (route) => {
      await held;
      await route.continue();
    });
    await importFile(page, exportFile);
    await dataDialog(page).getByRole('button', { name: 'Importing…' }).waitFor();
    await page.keyboard.press('Escape');
    await dataDialog(page).waitFor({ state: 'detached' });
    release();
    const toast = page.locator('[data-sonner-toast]', { hasText: 'Imported margin-account-' });
    await toast.getByText(/^Nothing new to add\. Already there: 1 conversation/).waitFor({
      timeout: 30_000,
    });
    await page.unroute('**/trpc/account.import');
    await openDataDialog(page);
    await importResult(page).getByText('Nothing new to add.').waitFor();
    expect(await importResult(page).textContent()).toMatch(
      /Already there: 1 conversation, 1 prompt and 1 memory\./,
    );
    expect(await summary(page)).toEqual(before);

    await importFile(page, BROKEN);
    await importError(page).waitFor();
    const error = await importError(page).textContent();
    expect(error).toContain('Couldn’t import broken.json');
    expect(error).toMatch(/not a Margin account export/i);
    expect(error).toContain('Nothing was added.');
    expect(await isFocused(importError(page).locator('xpath=..'))).toBe(true);
    await screenshot(page, 'account-data-error-light');

    const empty = join(files, 'empty.json');
    writeFileSync(empty, '');
    await fileInput(page).setInputFiles(empty);
    await dataDialog(page).getByRole('alert').getByText('empty.json is empty.').waitFor();
    expect(await importButton(page).isDisabled()).toBe(true);

    const huge = join(files, 'huge.json');
    writeFileSync(
      huge,
      JSON.stringify({ format: 'margin-account', padding: 'x'.repeat(1_500_000) }),
    );
    // The page knows the server's limit (system.config) and refuses the file before sending it.
    await fileInput(page).setInputFiles(huge);
    await dataDialog(page)
      .getByRole('alert')
      .getByText(/^huge\.json is 1\.\d MB; this server imports files of at most 1(\.0)? MB/)
      .waitFor();
    expect(await importButton(page).isDisabled()).toBe(true);

    expect(await summary(page)).toEqual(before);
    await page.keyboard.press('Escape');
    problems.assertNone();
  });

  it('is reachable with the keyboard and works on a phone and in dark mode', async () => {
    const { server, browser } = setup();
    const dark = await openPage(browser, { baseURL: server.url, colorScheme: 'dark' });
    try {
      const { page } = dark;
      await signIn(page, ADA);
      await accountButton(page).focus();
      await page.keyboard.press('Enter');
      const item = page.getByRole('menuitem', { name: 'Your data…' });
      await item.waitFor();
      for (let i = 0; i < 12 && !(await isFocused(item)); i++)
        await page.keyboard.press('ArrowDown');
      expect(await isFocused(item)).toBe(true);
      await page.keyboard.press('Enter');
      await summaryLine(page).waitFor();
      await screenshot(page, 'account-data-dialog-dark');
      await fileInput(page).setInputFiles(BROKEN);
      dark.problems.allow(/status of 400/);
      await importButton(page).click();
      await importError(page).waitFor();
      await screenshot(page, 'account-data-error-dark');
      await page.keyboard.press('Escape');
      await expect.poll(() => isFocused(accountButton(page))).toBe(true);
      dark.problems.assertNone();
    } finally {
      await dark.context.close();
    }

    const phone = await openPage(browser, {
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const { page } = phone;
      await signIn(page, GRACE);
      await openDataDialog(page);
      await fileInput(page).setInputFiles(exportFile);
      await screenshot(page, 'account-data-mobile-390');
      await importButton(page).click();
      await importResult(page).getByText('Nothing new to add.').waitFor({ timeout: 30_000 });
      // Nothing sticks out sideways, and the result is scrolled fully into view.
      const layout = await dataDialog(page).evaluate((dialog) => {
        const box = dialog.getBoundingClientRect();
        const sticking = [...dialog.querySelectorAll('*')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 1 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
        });
        const result = [...dialog.querySelectorAll('[role="status"]')].at(-1);
        const scroller = result?.closest('.overflow-y-auto')?.getBoundingClientRect();
        const shown = result?.getBoundingClientRect();
        return {
          sticking: sticking.map((el) => el.outerHTML.slice(0, 120)),
          resultVisible:
            !!shown && !!scroller && shown.top >= scroller.top && shown.bottom <= scroller.bottom,
          debug: JSON.stringify({ shown, scroller }),
        };
      });
      expect(layout.sticking).toEqual([]);
      expect(layout.resultVisible, layout.debug).toBe(true);
      await screenshot(page, 'account-data-mobile-390-result');
      phone.problems.assertNone();
    } finally {
      await phone.context.close();
    }
  });
});
