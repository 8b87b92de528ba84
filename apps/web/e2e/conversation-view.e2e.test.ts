import { messages, openDb, users } from '@margin/db';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  mutate,
  type OpenedPage,
  openPage,
  screenshot,
  serverAndBrowserPerFile,
  setUpFirstAdmin,
  PHONE,
} from './harness';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};
const TOTAL = 300;

const setup = serverAndBrowserPerFile();

// ---------------------------------------------------------------------------------------------
// Seed content

const RICH_ANSWER =
  String.raw`## Scaled dot-product attention

Attention computes $\operatorname{softmax}(QK^\top/\sqrt{d_k})\,V$ for queries $Q$, keys $K$ and values $V$ — unrelated to the famous $E=mc^2$.

\[ \int_0^1 x\,dx = \tfrac{1}{2} \]

| Term | Shape | Meaning |
|---|---|---|
| $Q$ | $n \times d_k$ | queries |
| $K$ | $m \times d_k$ | keys |
| $V$ | $m \times d_v$ | values |

- [x] **Scale** by \(\sqrt{d_k}\) with ` +
  '`np.sqrt`' +
  String.raw`
- [ ] ~~Forget the softmax~~

` +
  '```python\nimport numpy as np\n\ndef attention(q, k, v):\n    s = q @ k.T / np.sqrt(k.shape[-1])\n    w = np.exp(s - s.max(-1, keepdims=True))\n    return (w / w.sum(-1, keepdims=True)) @ v\n```\n\n```mermaid\nflowchart LR\n  Q --> S[Scores]\n  K --> S\n  S --> SM[Softmax]\n  SM --> O[Output]\n  V --> O\n```\n';

const XSS_MESSAGE = [
  'Is this safe to render?',
  '',
  '<img src=x onerror="window.__xss=1">',
  '',
  '<script>window.__xss=2</script>',
  '',
  '[click](javascript:window.__xss=3) and <a href="javascript:window.__xss=4">this</a>',
].join('\n');

const SECTIONED_ANSWER = [
  '## Complexity',
  '',
  'The cost is quadratic in sequence length: $O(n^2 d)$.',
  '',
  '---',
  '',
  '## Memory',
  '',
  'Storing the attention matrix needs $O(n^2)$ memory; FlashAttention avoids materialising it.',
].join('\n');

interface Seeded {
  conversationId: string;
  /** Message id by position. */
  ids: string[];
}

function fillerAnswer(i: number): string {
  const extra =
    i % 3 === 0
      ? '\n\n- first consideration\n- second consideration\n- third consideration'
      : i % 3 === 1
        ? '\n\nA longer paragraph follows here, to give the rows different heights. It keeps going for a while so the virtualised list has to measure it properly before it knows where the next row starts.'
        : '';
  return `Answer ${i}: step ${i} works by combining the previous result with the new input.${extra}`;
}

function contentAt(position: number): { role: 'user' | 'assistant'; content: string } {
  if (position === 0) return { role: 'user', content: 'First message of the seeded conversation' };
  if (position === 289) {
    return {
      role: 'assistant',
      content: 'A diagram with a mistake:\n\n```mermaid\nflowchart LR\n  A -->\n```\n',
    };
  }
  if (position === 296)
    return { role: 'user', content: 'Explain attention with the maths, please.' };
  if (position === 297) return { role: 'assistant', content: RICH_ANSWER };
  if (position === 298) return { role: 'user', content: XSS_MESSAGE };
  if (position === 299) return { role: 'assistant', content: SECTIONED_ANSWER };
  return position % 2 === 0
    ? { role: 'user', content: `Question ${position}: how does step ${position} work?` }
    : { role: 'assistant', content: fillerAnswer(position) };
}

function seedMessages(dataDir: string, conversationId: string): string[] {
  const handle = openDb(join(dataDir, 'margin.db'));
  try {
    const owner = handle.db.select().from(users).get();
    if (!owner) throw new Error('no user to own the messages');
    const now = Date.now();
    const rows = Array.from({ length: TOTAL }, (_, position) => {
      const { role, content } = contentAt(position);
      const createdAt = new Date(now - (TOTAL - position) * 90_000);
      return {
        conversationId,
        userId: owner.id,
        role,
        content,
        position,
        model: role === 'assistant' ? 'gpt-4o-mini' : null,
        status: position === 295 ? ('cancelled' as const) : ('complete' as const),
        tldr:
          position === 297
            ? 'Attention is a softmax over **scaled dot products** that weights the values.'
            : null,
        createdAt,
        updatedAt: createdAt,
      };
    });
    for (let start = 0; start < rows.length; start += 100) {
      handle.db
        .insert(messages)
        .values(rows.slice(start, start + 100))
        .run();
    }
    const stored = handle.db
      .select({ id: messages.id, position: messages.position })
      .from(messages)
      .all()
      .filter((row) => row.position < TOTAL);
    const ids: string[] = [];
    for (const row of stored) ids[row.position] = row.id;
    return ids;
  } finally {
    handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A tRPC mutation from the page (same-origin fetch: the Origin header is set by the browser). */
const scroller = (page: Page) => page.getByRole('region', { name: 'Messages' });
const messageAt = (page: Page, seeded: Seeded, position: number) =>
  page.locator(`[data-message-id="${seeded.ids[position] ?? 'missing'}"]`);
/** The virtual row around a message (the checkbox sits beside the article). */
const rowOf = (page: Page, seeded: Seeded, position: number) =>
  page.locator('[data-index]').filter({ has: messageAt(page, seeded, position) });

/**
 * Scrolls the virtualised list until the message at `position` (as seeded) is rendered, then
 * brings it into view.
 */
async function reveal(page: Page, seeded: Seeded, position: number): Promise<Locator> {
  const target = messageAt(page, seeded, position);
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await target.count()) > 0) {
      await target.scrollIntoViewIfNeeded();
      return target;
    }
    const shown = (await renderedOrder(page))
      .map((id) => seeded.ids.indexOf(id))
      .filter((p) => p >= 0);
    const up = shown.length === 0 || position < Math.min(...shown);
    await scroller(page).evaluate(
      (element, delta) => {
        element.scrollBy(0, delta);
      },
      up ? -500 : 500,
    );
    await page.waitForTimeout(80);
  }
  throw new Error(`message at position ${position} never rendered`);
}

async function openMenu(page: Page, message: Locator) {
  await message.hover();
  await message.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menu').waitFor();
}

/** Message ids in the order the list shows them. */
async function renderedOrder(page: Page): Promise<string[]> {
  return page.$$eval('[data-index]', (rows) =>
    rows
      .map((row) => ({
        index: Number((row as HTMLElement).dataset.index),
        id: row.querySelector<HTMLElement>('[data-message-id]')?.dataset.messageId ?? '',
      }))
      .filter((row) => row.id !== '')
      .sort((a, b) => a.index - b.index)
      .map((row) => row.id),
  );
}

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

async function waitForConversation(page: Page, seeded: Seeded) {
  await messageAt(page, seeded, TOTAL - 1).waitFor();
  // Let measurement and the first scroll settle.
  await page.waitForTimeout(400);
}

// ---------------------------------------------------------------------------------------------

describe('conversation view', () => {
  it('renders, pages, edits, organises and shares a long conversation', async () => {
    const { server, browser } = setup();
    const opened: OpenedPage = await openPage(browser, { baseURL: server.url });
    const { page, context, problems } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });

    await signUp(page);
    const conversation = await mutate<{ id: string }>(page, 'conversations.create', {
      domain: 'assistant',
    });
    await mutate(page, 'conversations.rename', {
      id: conversation.id,
      title: 'Scaled dot-product attention',
    });
    await mutate(page, 'conversations.setFlag', { id: conversation.id, flag: 'purple' });
    const seeded: Seeded = {
      conversationId: conversation.id,
      ids: seedMessages(server.dataDir, conversation.id),
    };
    expect(seeded.ids.filter(Boolean)).toHaveLength(TOTAL);

    // --- An empty conversation says so -------------------------------------------------------
    const empty = await mutate<{ id: string }>(page, 'conversations.create', {
      domain: 'assistant',
    });
    await page.goto(`/c/${empty.id}`);
    await page.getByText('No messages yet').waitFor();
    await mutate(page, 'conversations.delete', { id: empty.id });

    // --- Opens at the newest messages, rich markdown rendered -----------------------------------
    await page.goto(`/c/${conversation.id}`);
    await waitForConversation(page, seeded);
    await page.getByRole('heading', { level: 1, name: 'Scaled dot-product attention' }).waitFor();
    await expect.poll(() => messageAt(page, seeded, TOTAL - 1).isVisible()).toBe(true);
    expect(await messageAt(page, seeded, 0).count()).toBe(0);

    const rich = messageAt(page, seeded, 297);
    await rich.waitFor();
    expect(await rich.locator('.katex').count()).toBeGreaterThanOrEqual(5);
    expect(await rich.locator('.katex-display').count()).toBe(1);
    expect(await rich.locator('table').count()).toBe(1);
    expect(await rich.locator('input[type="checkbox"]').count()).toBe(2);
    expect(await rich.locator('del').count()).toBe(1);
    expect(await rich.locator('code.language-python .hljs-keyword').count()).toBeGreaterThan(0);
    await rich.getByText('Python', { exact: true }).waitFor();
    await rich.getByText('TL;DR').waitFor();

    // Mermaid is drawn (lazily) once the block is on screen.
    await rich.locator('.md-mermaid').first().scrollIntoViewIfNeeded();
    await rich.locator('.md-mermaid svg').waitFor({ timeout: 20_000 });
    await rich
      .getByRole('heading', { name: 'Scaled dot-product attention' })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'conversation-desktop-light');

    // The XSS attempt renders inert.
    const xss = messageAt(page, seeded, 298);
    await xss.scrollIntoViewIfNeeded();
    expect(await xss.locator('script').count()).toBe(0);
    expect(await xss.locator('[onerror]').count()).toBe(0);
    for (const href of await xss
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(href.toLowerCase()).not.toContain('javascript');
    }
    await xss.getByText('click', { exact: true }).click();
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    ).toBeUndefined();
    expect(context.pages()).toHaveLength(1);

    // Dark theme follows the OS.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('dark')))
      .toBe(true);
    await rich
      .getByRole('heading', { name: 'Scaled dot-product attention' })
      .scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await screenshot(page, 'conversation-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // --- Paging upward keeps the reading position -------------------------------------------
    const list = scroller(page);
    await list.evaluate((element) => {
      element.scrollTop = 0;
    });
    const firstOfNewestPage = messageAt(page, seeded, 250);
    await firstOfNewestPage.waitFor();
    // The older page arrives above; the message the reader was looking at stays where it was.
    await messageAt(page, seeded, 249).waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    const listBox = await list.boundingBox();
    const anchorBox = await firstOfNewestPage.boundingBox();
    expect(listBox).not.toBeNull();
    expect(anchorBox).not.toBeNull();
    if (listBox && anchorBox) {
      expect(anchorBox.y - listBox.y).toBeGreaterThanOrEqual(-10);
      expect(anchorBox.y - listBox.y).toBeLessThan(listBox.height);
    }
    // Keep going up until the very first message appears.
    for (let attempt = 0; attempt < 60; attempt++) {
      if ((await messageAt(page, seeded, 0).count()) > 0) break;
      await list.evaluate((element) => {
        element.scrollTop = 0;
      });
      await page.waitForTimeout(250);
    }
    await messageAt(page, seeded, 0).waitFor();
    await page.getByText('Start of the conversation').waitFor();

    // --- A link to one message scrolls to it and highlights it -------------------------------
    await page.goto(`/c/${conversation.id}/m/${seeded.ids[10] ?? ''}`);
    const linked = messageAt(page, seeded, 10);
    await linked.waitFor({ timeout: 20_000 });
    await expect.poll(() => linked.isVisible()).toBe(true);
    await expect.poll(() => linked.evaluate((el) => el.classList.contains('ring-2'))).toBe(true);

    // --- Collapse a section; it stays collapsed after a reload -----------------------------
    await page.goto(`/c/${conversation.id}`);
    await waitForConversation(page, seeded);
    const sectioned = messageAt(page, seeded, 299);
    const complexity = sectioned.getByRole('button', { name: /^Complexity/ });
    await expect.poll(() => complexity.getAttribute('aria-expanded')).toBe('true');
    expect(await sectioned.getByRole('button', { name: /^Memory/ }).count()).toBe(1);
    const saved = page.waitForResponse((r) => r.url().includes('/trpc/sections.update') && r.ok());
    await complexity.click();
    await saved;
    expect(await complexity.getAttribute('aria-expanded')).toBe('false');
    await page.reload();
    await waitForConversation(page, seeded);
    await expect
      .poll(() =>
        messageAt(page, seeded, 299)
          .getByRole('button', { name: /^Complexity/ })
          .getAttribute('aria-expanded'),
      )
      .toBe('false');
    await expect
      .poll(() =>
        messageAt(page, seeded, 299)
          .getByRole('button', { name: /^Memory/ })
          .getAttribute('aria-expanded'),
      )
      .toBe('true');

    await reveal(page, seeded, 299);
    await screenshot(page, 'answer-sections');

    // --- Actions menu ------------------------------------------------------------------------
    await openMenu(page, await reveal(page, seeded, 297));
    await screenshot(page, 'message-actions-menu');
    await page.keyboard.press('Escape');

    // --- Edit, then see the old text in the version history -----------------------------------
    const asked = await reveal(page, seeded, 296);
    await asked.hover();
    await asked.getByRole('button', { name: 'Edit message' }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit message' });
    await editDialog.waitFor();
    const text = editDialog.getByLabel('Text');
    expect(await text.inputValue()).toBe('Explain attention with the maths, please.');
    await text.fill('Explain scaled dot-product attention with the maths, step by step.');
    await screenshot(page, 'edit-dialog');
    await editDialog.getByRole('button', { name: 'Save' }).click();
    await editDialog.waitFor({ state: 'detached' });
    await asked.getByText('step by step').waitFor();
    await asked.getByRole('button', { name: 'edited' }).click();
    const history = page.getByRole('dialog', { name: 'Version history' });
    await history.waitFor();
    await history.getByText('Explain attention with the maths, please.').waitFor();
    await history.getByRole('button', { name: /^Current/ }).waitFor();
    await screenshot(page, 'version-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    // --- Hide and show -------------------------------------------------------------------------
    const stopped = await reveal(page, seeded, 295);
    await stopped.getByText('Stopped').waitFor();
    await openMenu(page, stopped);
    await page.getByRole('menuitem', { name: 'Hide', exact: true }).click();
    await stopped.getByText('Hidden answer').waitFor();
    await screenshot(page, 'hidden-message');
    await stopped.getByRole('button', { name: 'Show' }).click();
    await stopped.getByRole('button', { name: 'Unhide' }).click();
    await expect.poll(() => stopped.getByText('Hidden answer').count()).toBe(0);
    await stopped.getByText('Answer 295').waitFor();

    // --- A diagram that cannot be drawn falls back to its source ---------------------------------
    const badDiagram = await reveal(page, seeded, 289);
    await badDiagram.getByText('This diagram could not be drawn').waitFor({ timeout: 20_000 });
    await badDiagram.getByText('flowchart LR').waitFor();

    // --- Select two messages and move them up (selection kept) -------------------------------
    const toSelect = await reveal(page, seeded, 293);
    const before = await renderedOrder(page);
    const [id292, id293, id294] = [seeded.ids[292], seeded.ids[293], seeded.ids[294]];
    expect(before.indexOf(id292 ?? '')).toBeGreaterThanOrEqual(0);
    expect(before.indexOf(id292 ?? '')).toBeLessThan(before.indexOf(id293 ?? ''));
    await openMenu(page, toSelect);
    await page.getByRole('menuitem', { name: 'Select', exact: true }).click();
    await rowOf(page, seeded, 294).getByRole('checkbox').click();
    const bar = page.getByRole('toolbar', { name: 'Selected messages' });
    await bar.getByText('2 selected').waitFor();
    const moved = page.waitForResponse((r) => r.url().includes('/trpc/messages.move') && r.ok());
    await bar.getByRole('button', { name: 'Move up' }).click();
    await moved;
    await expect
      .poll(async () => {
        const order = await renderedOrder(page);
        return [order.indexOf(id293 ?? ''), order.indexOf(id294 ?? ''), order.indexOf(id292 ?? '')];
      })
      .toSatisfy((indexes: number[]) => {
        const [a, b, c] = indexes;
        return a !== undefined && b !== undefined && c !== undefined && a >= 0 && a < b && b < c;
      });
    await bar.getByText('2 selected').waitFor();
    expect(await rowOf(page, seeded, 293).getByRole('checkbox').getAttribute('aria-checked')).toBe(
      'true',
    );
    await screenshot(page, 'selection-bar');
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await bar.waitFor({ state: 'detached' });

    // --- Delete with confirmation ---------------------------------------------------------------
    const doomed = await reveal(page, seeded, 291);
    await openMenu(page, doomed);
    await page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this answer?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await doomed.waitFor({ state: 'detached' });

    // --- Memory pad: save, reload, still there ------------------------------------------------
    await page.getByRole('button', { name: 'Memory pad' }).click();
    const padPanel = page.getByRole('complementary', { name: 'Memory pad' });
    await padPanel.waitFor();
    const pad = padPanel.getByRole('textbox', { name: 'Memory pad' });
    await pad.fill('- key fact: d_k = 64\n- prefers NumPy examples');
    await padPanel.getByText('Unsaved changes').waitFor();
    await padPanel.getByRole('button', { name: 'Save' }).click();
    await padPanel.getByText('Saved', { exact: true }).waitFor();
    expect(await padPanel.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await screenshot(page, 'memory-pad');
    await page.reload();
    await waitForConversation(page, seeded);
    await expect
      .poll(() =>
        page
          .getByRole('complementary', { name: 'Memory pad' })
          .getByRole('textbox', { name: 'Memory pad' })
          .inputValue(),
      )
      .toBe('- key fact: d_k = 64\n- prefers NumPy examples');
    await page.getByRole('button', { name: 'Close the memory pad' }).click();

    // --- Phone width ----------------------------------------------------------------------------
    const phone = await openPage(browser, {
      baseURL: server.url,
      storageState: await context.storageState(),
      ...PHONE,
    });
    await phone.page.goto(`/c/${conversation.id}`);
    await waitForConversation(phone.page, seeded);
    const phoneRich = messageAt(phone.page, seeded, 297);
    await phoneRich
      .getByRole('heading', { name: 'Scaled dot-product attention' })
      .scrollIntoViewIfNeeded();
    await phone.page.waitForTimeout(300);
    await screenshot(phone.page, 'conversation-mobile');
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.getByRole('button', { name: 'Show the memory pad' }).click();
    const sheet = phone.page.getByRole('dialog', { name: 'Memory pad' });
    await sheet.waitFor();
    expect(await sheet.getByRole('textbox', { name: 'Memory pad' }).inputValue()).toContain(
      'd_k = 64',
    );
    await screenshot(phone.page, 'memory-pad-mobile');
    await phone.page.keyboard.press('Escape');
    phone.problems.assertNone();
    await phone.context.close();

    // --- Share: the public page renders read-only, logged out ----------------------------------
    const link = await mutate<{ token: string; path: string }>(page, 'conversations.share', {
      id: conversation.id,
    });
    const visitor = await openPage(browser, { baseURL: server.url });
    await visitor.page.goto(link.path);
    await visitor.page
      .getByRole('heading', { name: 'Scaled dot-product attention' })
      .first()
      .waitFor();
    await visitor.page.getByText('Shared from Margin').waitFor();
    await visitor.page.getByText('First message of the seeded conversation').waitFor();
    await screenshot(visitor.page, 'shared-page-top');
    expect(await visitor.page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await visitor.page.locator('.hljs-keyword').count()).toBeGreaterThan(0);
    expect(await visitor.page.getByRole('button', { name: 'More actions' }).count()).toBe(0);
    expect(await visitor.page.getByRole('button', { name: 'Edit message' }).count()).toBe(0);
    await visitor.page
      .getByText('Explain scaled dot-product attention with the maths')
      .scrollIntoViewIfNeeded();
    await visitor.page.waitForTimeout(300);
    await screenshot(visitor.page, 'shared-page');
    expect(
      await visitor.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    ).toBeUndefined();

    await mutate(page, 'conversations.unshare', { id: conversation.id });
    await visitor.page.goto(link.path);
    await visitor.page.getByText('This link is no longer shared').waitFor();
    await screenshot(visitor.page, 'shared-page-revoked');
    visitor.problems.allow(/status of 404|NOT_FOUND/);
    visitor.problems.assertNone();
    await visitor.context.close();

    // --- Delete the last turn ------------------------------------------------------------------
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete last turn', exact: true }).click();
    const lastTurn = page.getByRole('alertdialog', { name: 'Delete the last turn?' });
    await lastTurn.getByRole('button', { name: 'Delete' }).click();
    await lastTurn.waitFor({ state: 'detached' });
    await messageAt(page, seeded, 299).waitFor({ state: 'detached' });
    await messageAt(page, seeded, 297).waitFor({ state: 'attached' });

    expect(dialogs).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    ).toBeUndefined();
    problems.assertNone();
    await context.close();
  });
});
