/**
 * Documents in the browser against the real server and the fake provider: upload a real PDF with
 * visible progress, the `#doc` autocomplete, an answer citing `[#doc_1 p.N]` whose citation opens
 * the PDF viewer at that page, clear errors for refused files (checked in the browser and by the
 * server), a text document in the viewer, the bar on a phone, and delete with confirmation.
 */
import type { FakeChatRequest } from '@margin/api/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  mutate,
  openPage,
  repoRoot,
  screenshot,
  signIn,
  type OpenedPage,
  setUpFirstAdmin,
  PHONE,
  newChat,
} from './harness';
import { fakeProviderPerFile, lastUserText } from './provider';

/** The shared fixtures sit next to the repository (same layout in CI). */
const PAPER = resolve(repoRoot, '..', 'shared', 'fixtures', 'tracemonkey-pldi-09.pdf');
const PAPER_TITLE = 'Trace-based Just-in-Time Type Specialization';
const NOTES_TITLE = 'Reading notes on tracing';
const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};

let main: OpenedPage | undefined;
let conversationUrl = '';

function systemText(body: FakeChatRequest): string {
  return body.messages
    .filter((m) => m.role === 'system')
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

const isDocumentSummary = (body: FakeChatRequest) =>
  systemText(body).includes('You name and summarise documents');

const setup = fakeProviderPerFile({
  respond: (body) => {
    if (isDocumentSummary(body)) {
      const text = JSON.stringify(body.messages);
      const title = text.includes('NOTES-MARKER')
        ? NOTES_TITLE
        : text.includes('Dropped notes')
          ? 'Dropped notes'
          : text.includes('Pasted notes')
            ? 'Pasted notes'
            : PAPER_TITLE;
      return {
        content: `<title>${title}</title><summary>TraceMonkey records hot loops of JavaScript and compiles type-specialised traces, which makes dynamic code run several times faster.</summary>`,
        // Slow enough to see the indexing progress in the bar.
        delayMs: 2500,
      };
    }
    const text = JSON.stringify(body.messages);
    if (text.includes('<title>')) {
      return { content: '<title>Tracing JITs</title><summary>About tracing JITs.</summary>' };
    }
    if (text.includes('<suggestion>')) return { content: '<suggestion>Why loops?</suggestion>' };
    return { content: `Echo: ${lastUserText(body)}` };
  },
});

function mainPage(): OpenedPage {
  if (!main) throw new Error('the first test signs in and uploads');
  return main;
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const bar = (page: Page) => page.getByRole('region', { name: 'Documents' });
const chip = (page: Page, ordinal: number) =>
  bar(page).locator(`li[data-document-ordinal="${String(ordinal)}"]`);
const fileInput = (page: Page) => page.locator('input[type="file"][aria-label="Attach files"]');
const viewer = (page: Page) => page.getByRole('dialog');
const lastAnswer = (page: Page): Locator => page.locator('article[data-role="assistant"]').last();

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

async function pageNumber(page: Page): Promise<string> {
  return viewer(page).getByRole('textbox', { name: 'Page number' }).inputValue();
}

describe('documents', () => {
  it('uploads a PDF with visible progress and shows it as #doc_1', async () => {
    const { server, browser } = setup();
    expect(existsSync(PAPER), `fixture missing: ${PAPER}`).toBe(true);
    main = await openPage(browser, { baseURL: server.url });
    const { page, problems } = main;
    await signUp(page);
    conversationUrl = await newChat(page);

    // Nothing attached yet: no bar, only the paperclip.
    expect(await bar(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Attach documents' }).click();
    await page.getByRole('menuitem', { name: 'Upload files…' }).waitFor();
    await screenshot(page, 'documents-attach-menu');
    await page.keyboard.press('Escape');

    await fileInput(page).setInputFiles(PAPER);
    // The chip appears with a progress bar while the server indexes (the summary is slow).
    const first = chip(page, 1);
    await first.waitFor({ timeout: 15_000 });
    await first.getByRole('progressbar').waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toContain('#doc_1');
    // Hovering shows what the indexing is doing.
    await first.getByRole('button', { name: /^#doc_1/ }).hover();
    await page.getByRole('tooltip').first().waitFor();
    await screenshot(page, 'documents-indexing');

    await bar(page)
      .locator('li[data-document-ordinal="1"][data-status="ready"]')
      .waitFor({ timeout: 60_000 });
    await first.getByText(PAPER_TITLE).waitFor();
    expect(await first.getByRole('progressbar').count()).toBe(0);
    await screenshot(page, 'documents-bar-ready');
    problems.assertNone();
  });

  it('suggests #doc references and opens the viewer at the page an answer cites', async () => {
    const { fake } = setup();
    const { page, problems } = mainPage();
    const box = composer(page);

    // "#" offers the conversation's documents; Enter inserts the reference.
    await box.fill('');
    await box.pressSequentially('#');
    const palette = page.getByRole('listbox', { name: 'Documents' });
    await palette.waitFor();
    await palette
      .getByRole('option', { name: /#doc_1/ })
      .first()
      .waitFor();
    expect(await palette.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('#doc_all'),
        expect.stringContaining('#summary_doc_1'),
        expect.stringContaining('#full_doc_1'),
      ]),
    );
    await screenshot(page, 'documents-autocomplete');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('#doc_1 ');

    const question = 'How do tracing JITs find hot code?';
    fake.script({
      match: (body) => !isDocumentSummary(body) && lastUserText(body).includes(question),
      content:
        'Tracing JITs record hot loops [#doc_1 p.1]. The recorded traces are type-specialised [#doc_1 p.3].',
    });
    await box.pressSequentially(question);
    await box.press('Enter');
    const loops = lastAnswer(page).getByRole('button', { name: /^Open #doc_1 .* at page 1$/ });
    await loops.waitFor({ timeout: 20_000 });
    // The model saw the document (its reference reached the provider with the page-marked text).
    const request = fake
      .chatRequests()
      .find((body) => !isDocumentSummary(body) && lastUserText(body).includes(question));
    expect(JSON.stringify(request?.messages ?? [])).toContain('#doc_1');
    await screenshot(page, 'documents-citation-answer');

    // The p.3 citation: the viewer opens at page 3 with the page drawn and its text selectable.
    await lastAnswer(page)
      .getByRole('button', { name: /at page 3$/ })
      .click();
    const dialog = viewer(page);
    await dialog.waitFor();
    await dialog.getByText(PAPER_TITLE).first().waitFor();
    const third = dialog.locator('.pdf-page[data-page-number="3"]');
    await third.locator('canvas').waitFor({ timeout: 20_000 });
    await third.locator('.textLayer span').first().waitFor({ timeout: 20_000 });
    await dialog.getByText('Cited page 3').waitFor();
    expect(await pageNumber(page)).toBe('3');
    expect(await dialog.getByTestId('pdf-page-count').textContent()).toBe('of 14');
    await screenshot(page, 'documents-viewer-page-3');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The p.1 citation.
    await loops.click();
    await dialog.waitFor();
    const firstPage = dialog.locator('.pdf-page[data-page-number="1"]');
    await firstPage.locator('canvas').waitFor({ timeout: 20_000 });
    await firstPage.locator('.textLayer span').first().waitFor({ timeout: 20_000 });
    expect(await pageNumber(page)).toBe('1');
    expect(await firstPage.locator('.textLayer').textContent()).toContain('Trace-based');
    await screenshot(page, 'documents-viewer-pdf');

    // Navigation and zoom.
    await dialog.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => pageNumber(page)).toBe('2');
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => pageNumber(page)).toBe('2');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    problems.assertNone();
  });

  it('shares the conversation: the public page links the document and opens cited pages', async () => {
    const { server, browser } = setup();
    const { page } = mainPage();
    const conversationId = conversationUrl.split('/').at(-1) ?? '';
    const link = await mutate<{ path: string }>(page, 'conversations.share', {
      id: conversationId,
    });
    const visitor = await openPage(browser, { baseURL: server.url });
    await visitor.page.goto(link.path);
    const document = visitor.page.getByRole('link', { name: /#doc_1/ });
    await document.waitFor();
    const pdf = await visitor.page.request.get(
      new URL((await document.getAttribute('href')) ?? '', server.url).toString(),
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const cited = visitor.page.getByRole('button', { name: /at page 3$/ });
    const [viewer] = await Promise.all([visitor.page.waitForEvent('popup'), cited.click()]);
    expect(viewer.url()).toMatch(/\/files\/shared\/.+\/documents\/.+\?inline=1#page=3$/);
    await screenshot(visitor.page, 'documents-shared-page');
    visitor.problems.assertNone();
    await visitor.context.close();
  });

  it('explains refused files, and shows a text document in the viewer', async () => {
    const { page, problems } = mainPage();
    // The server's 400 for the disguised PDF is logged by the browser.
    problems.allow(/status of 400/);

    await fileInput(page).setInputFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ....') },
    ]);
    const empty = bar(page).locator('[data-upload-error="empty.txt"]');
    await empty.getByText('The file is empty.').waitFor();
    await bar(page)
      .locator('[data-upload-error="setup.exe"]')
      .getByText(/can't be attached/)
      .waitFor();

    // Checked by the server: a text file named .pdf.
    await fileInput(page).setInputFiles({
      name: 'fake.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('This is plain text, not a PDF.'),
    });
    await bar(page)
      .locator('[data-upload-error="fake.pdf"]')
      .getByText(/not really a PDF/)
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'documents-upload-errors');
    for (const name of ['empty.txt', 'setup.exe', 'fake.pdf']) {
      await page.getByRole('button', { name: `Dismiss the error about ${name}` }).click();
    }
    expect(await bar(page).locator('[data-upload-error]').count()).toBe(0);

    // A Markdown file becomes #doc_2 and shows as plain text in the viewer.
    const notes =
      '# NOTES-MARKER\n\nTracing records **hot loops**. <script>window.__xss = 1</script>\n';
    await fileInput(page).setInputFiles({
      name: 'notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(notes),
    });
    await bar(page)
      .locator('li[data-document-ordinal="2"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });
    await chip(page, 2)
      .getByRole('button', { name: /^#doc_2/ })
      .click();
    const dialog = viewer(page);
    await dialog.getByTestId('document-text').getByText('NOTES-MARKER', { exact: false }).waitFor();
    expect(await dialog.getByTestId('document-text').textContent()).toContain('<script>');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'documents-viewer-text');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // A damaged PDF is accepted (it starts like one) but fails to index: the reason is shown
    // with Re-index and Delete; deleting the last document renumbers nothing.
    await fileInput(page).setInputFiles({
      name: 'broken.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj garbage that is not a PDF at all\n%%EOF'),
    });
    await bar(page)
      .locator('li[data-document-ordinal="3"][data-status="failed"]')
      .waitFor({ timeout: 30_000 });
    const failedRow = bar(page)
      .getByText("#doc_3 couldn't be indexed")
      .locator('xpath=ancestor::li');
    await failedRow.getByRole('button', { name: 'Re-index' }).waitFor();
    await screenshot(page, 'documents-failed');
    await failedRow.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete #doc_3?' });
    expect(await confirm.textContent()).not.toContain('renumbered');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => chip(page, 3).count()).toBe(0);
    problems.assertNone();
  });

  it('takes files dropped on the conversation or pasted into the message box', async () => {
    const { page, problems } = mainPage();
    const column = page.locator('.conversation-view > div').first();
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['Dropped notes about side exits.'], 'dropped.txt', { type: 'text/plain' }),
      );
      return data;
    });
    await column.dispatchEvent('dragenter', { dataTransfer: dropped });
    await page.getByText('Drop to attach to this conversation').waitFor();
    await screenshot(page, 'documents-drop-overlay');
    await column.dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('Drop to attach to this conversation').waitFor({ state: 'hidden' });
    await bar(page)
      .locator('li[data-document-ordinal="3"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });

    // A file copied in a file manager and pasted into the box (no text on the clipboard).
    await composer(page).evaluate((box) => {
      const data = new DataTransfer();
      data.items.add(
        new File(['Pasted notes on trace trees.'], 'clip.txt', { type: 'text/plain' }),
      );
      box.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await bar(page)
      .locator('li[data-document-ordinal="4"][data-status="ready"]')
      .waitFor({ timeout: 30_000 });
    expect(await composer(page).inputValue()).toBe('');

    // "Insert #doc_N in the message" from a chip's menu puts the reference in the box.
    await page.getByRole('button', { name: 'Actions for #doc_4' }).click();
    await page.getByRole('menuitem', { name: 'Insert #doc_4 in the message' }).click();
    await expect.poll(() => composer(page).inputValue()).toBe('#doc_4 ');
    await composer(page).fill('');
    problems.assertNone();
  });

  it('fits a phone screen, and dark mode', async () => {
    const { server, browser } = setup();
    const phone = await openPage(browser, { baseURL: server.url, ...PHONE });
    try {
      await signIn(phone.page, ADMIN, conversationUrl);
      const { page } = phone;
      await chip(page, 2).waitFor();
      const width = await bar(page).evaluate((el) => el.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      // One row that scrolls sideways, however many documents there are.
      const row = bar(page).locator('ul').first();
      expect(await row.evaluate((el) => el.clientHeight)).toBeLessThan(50);
      await screenshot(page, 'documents-bar-mobile');
      await chip(page, 4).scrollIntoViewIfNeeded();
      await chip(page, 4)
        .getByRole('button', { name: /^#doc_4/ })
        .waitFor();
      await chip(page, 1)
        .getByRole('button', { name: /^#doc_1/ })
        .tap();
      await viewer(page)
        .locator('.pdf-page[data-page-number="1"] canvas')
        .waitFor({ timeout: 20_000 });
      await screenshot(page, 'documents-viewer-mobile');
      phone.problems.assertNone();
    } finally {
      await phone.context.close();
    }

    const dark = await openPage(browser, { baseURL: server.url, colorScheme: 'dark' });
    try {
      await signIn(dark.page, ADMIN, conversationUrl);
      const { page } = dark;
      await chip(page, 1).waitFor();
      await screenshot(page, 'documents-bar-dark');
      await lastAnswer(page)
        .getByRole('button', { name: /at page 3$/ })
        .click();
      await viewer(page)
        .locator('.pdf-page[data-page-number="3"] canvas')
        .waitFor({ timeout: 20_000 });
      await screenshot(page, 'documents-viewer-dark');
      dark.problems.assertNone();
    } finally {
      await dark.context.close();
    }
  });

  it('deletes a document after confirming; later ones are renumbered', async () => {
    const { page, problems } = mainPage();
    await page.getByRole('button', { name: 'Actions for #doc_1' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete #doc_1?' });
    await confirm.getByText('renumbered').waitFor();
    await screenshot(page, 'documents-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'hidden' });

    // The notes were #doc_2 and are now #doc_1; the others moved up too.
    await expect.poll(() => chip(page, 4).count()).toBe(0);
    await chip(page, 1).getByText(NOTES_TITLE).waitFor();
    expect(await bar(page).locator('li[data-document-ordinal]').count()).toBe(3);
    await page.getByText('Removed #doc_1').waitFor();
    problems.assertNone();
  });
});
