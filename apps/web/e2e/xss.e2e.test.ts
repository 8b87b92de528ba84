/**
 * Hostile markup from the model and from the user cannot run script: a corpus of XSS payloads is
 * streamed as an answer, typed as a question, used as a conversation title and a document file
 * name, and shown on the public shared page. Every payload would set `window.__xss` or open a
 * dialog; the test asserts neither happened, that the DOM holds no script-capable elements or
 * attributes, and that the CSP never had to block anything (a blocked inline script is a console
 * error, which fails the test).
 */
import { startFakeOpenAI, type FakeOpenAI } from '@margin/api/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  mutate,
  openPage,
  screenshot,
  setUpFirstAdmin,
  startServer,
  type RunningServer,
} from './harness';

const ADMIN = { name: 'Eve Tester', email: 'eve@example.com', password: 'no-script-for-you-1' };

const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"><circle r="1"></circle></svg>',
  '<iframe srcdoc="<script>parent.__xss = 4</script>"></iframe>',
  '<a href="javascript:window.__xss = 5">html js link</a>',
  '[markdown js link](javascript:window.__xss=6)',
  '[markdown data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 8">',
  '<details open ontoggle="window.__xss = 9"><summary>s</summary></details>',
  '<form action="javascript:window.__xss = 10"><button>go</button></form>',
  '<object data="javascript:window.__xss = 11"></object><embed src="javascript:window.__xss = 12">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss = 13">',
  '$$\\href{javascript:window.__xss=14}{katex link}$$',
  '```mermaid\ngraph TD\n  A-->B\n  click A "javascript:window.__xss=15"\n```',
  '<div style="background:url(javascript:window.__xss=16)">styled</div>',
  '<input autofocus onfocus="window.__xss = 17">',
  '<video><source onerror="window.__xss = 18"></video>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=19>"></noscript>',
  '<a href="jav&#x09;ascript:window.__xss=20">entity-split link</a>',
  '![img](javascript:window.__xss=21)',
  '<base href="javascript:/"><a href="/x">relative</a>',
  '<svg><a xlink:href="javascript:window.__xss=22"><text y="20">svg link</text></a></svg>',
  '<template><img src=x onerror="window.__xss=23"></template>',
];
const CORPUS = PAYLOADS.join('\n\n') + '\n\nCORPUS-END';

let fake: FakeOpenAI | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.setDefaultResponder(() => ({ content: CORPUS }));
  server = await startServer({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: 'k',
    MODEL_CHAT: 'fake-chat',
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

/** What a successful payload would leave behind, read from inside the page. */
async function traces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const w = window as unknown as { __xss?: number };
    if (w.__xss !== undefined) found.push(`window.__xss = ${String(w.__xss)}`);
    for (const el of document.body.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (/^on/i.test(attr)) found.push(`<${el.localName} ${attr}>`);
        if (
          /^\s*(javascript|vbscript|data:text\/html)/i.test(
            Array.from(value, (c) => (c.charCodeAt(0) > 32 ? c : '')).join(''),
          )
        )
          found.push(`<${el.localName} ${attr}="${value.slice(0, 40)}">`);
      }
      // The app's own forms (the composer) are fine; none may come from rendered content.
      const dangerous = ['script', 'iframe', 'object', 'embed', 'form', 'meta', 'base', 'frame'];
      const article = el.closest('article');
      if (article && dangerous.includes(el.localName))
        found.push(`<${el.localName}> in ${article.getAttribute('data-role') ?? 'article'}`);
    }
    return found;
  });
}

describe('XSS', () => {
  it('hostile markup in answers, questions, titles, file names and the shared page stays inert', async () => {
    if (!server) throw new Error('server not started');
    const browser = await launchBrowser();
    try {
      const opened = await openPage(browser, { baseURL: server.url });
      const { page, problems } = opened;
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await setUpFirstAdmin(page, ADMIN);
      await page.getByRole('button', { name: 'New chat', exact: true }).click();
      await page.waitForURL('**/c/**');
      const conversationId = new URL(page.url()).pathname.split('/').pop() ?? '';

      // The question itself carries payloads; the answer carries the whole corpus.
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill(`/title ${PAYLOADS[1] ?? ''}\n${PAYLOADS.slice(0, 6).join('\n')}`);
      await box.press('Enter');
      await page.locator('article[data-role="assistant"]').getByText('CORPUS-END').waitFor();
      await page.getByRole('button', { name: /^Send/ }).waitFor({ timeout: 20_000 });

      // A document whose name is a payload.
      await page.evaluate(
        async ({ conversationId, name }) => {
          const form = new FormData();
          form.set('conversationId', conversationId);
          form.set('file', new File(['harmless text'], name, { type: 'text/plain' }));
          await fetch('/trpc/documents.upload', { method: 'POST', body: form });
        },
        { conversationId, name: '<img src=x onerror="window.__xss=30">.txt' },
      );
      await page.reload();
      await page.locator('article[data-role="assistant"]').getByText('CORPUS-END').waitFor();
      await page.getByText('onerror', { exact: false }).first().waitFor();
      await page.waitForTimeout(1500); // let lazy renderers (KaTeX, Mermaid) run
      await screenshot(page, 'xss-conversation');
      expect(await traces(page)).toEqual([]);

      // The public page renders the same messages.
      const { token } = await mutate<{ token: string }>(page, 'conversations.share', {
        id: conversationId,
      });
      await page.goto(`/shared/${token}`);
      await page.getByText('CORPUS-END').waitFor();
      await page.waitForTimeout(1500);
      await screenshot(page, 'xss-shared');
      expect(await traces(page)).toEqual([]);

      expect(dialogs).toEqual([]);
      problems.assertNone();
    } finally {
      await browser.close();
    }
  });
});
