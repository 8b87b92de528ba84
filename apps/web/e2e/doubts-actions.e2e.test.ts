import type { FakeChatRequest } from '@margin/api/testing';
import { messages, openDb, users } from '@margin/db';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, setUpFirstAdmin, PHONE } from './harness';
import { fakeProviderPerFile } from './provider';

const ADMIN = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-cobol-1959' };

const ANSWER = String.raw`Attention weights the values by **scaled dot products** of queries and keys.

The formula is $\operatorname{softmax}(QK^\top/\sqrt{d_k})\,V$, applied row by row.

Dividing by $\sqrt{d_k}$ keeps the logits from growing with the dimension.`;

const SEED = [
  { role: 'user' as const, content: 'Explain scaled dot-product attention.' },
  { role: 'assistant' as const, content: ANSWER },
  { role: 'user' as const, content: 'And multi-head attention?' },
  {
    role: 'assistant' as const,
    content:
      'Several attention heads run in parallel on projected inputs; outputs are concatenated.',
  },
];

const HINT = 'Hint: walk the list once and keep a **running total**.';
const SOLUTION = 'Full solution:\n\n```python\ndef total(xs):\n    return sum(xs)\n```';

function text(message: FakeChatRequest['messages'][number] | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('\n');
}

const setup = fakeProviderPerFile({
  // Deterministic answers by kind of request (the system prompt tells them apart).
  respond: (body) => {
    const system = text(body.messages[0]);
    const last = text(body.messages.at(-1));
    if (system.includes('clear up doubts')) {
      const question = last.split('## The question\n')[1]?.trim() ?? '';
      return {
        content: `Answer to “${question}”: the scale $\\sqrt{d_k}$ keeps the variance near one.`,
        chunkDelayMs: 15,
      };
    }
    if (system.includes('programming tutor')) {
      return { content: system.includes('Give a hint') ? HINT : SOLUTION, chunkDelayMs: 15 };
    }
    if (system.includes('reading a conversation')) {
      return {
        content: `Side answer (${body.messages.length} messages): ${last}`,
        chunkDelayMs: 15,
      };
    }
    return { content: 'OK' };
  },
  env: { MODELS: undefined },
});

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

async function createConversation(page: Page): Promise<string> {
  const body = await page.evaluate(async () => {
    const response = await fetch('/trpc/conversations.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { domain: 'assistant' } }),
    });
    return (await response.json()) as { result: { data: { json: { id: string } } } };
  });
  return body.result.data.json.id;
}

/** Inserts the seed messages straight into the server's database; returns ids by position. */
function seedMessages(dataDir: string, conversationId: string): string[] {
  const handle = openDb(join(dataDir, 'margin.db'));
  try {
    const owner = handle.db.select().from(users).get();
    if (!owner) throw new Error('no user');
    const now = Date.now();
    handle.db
      .insert(messages)
      .values(
        SEED.map((m, position) => ({
          conversationId,
          userId: owner.id,
          role: m.role,
          content: m.content,
          position,
          model: m.role === 'assistant' ? 'fake-chat' : null,
          status: 'complete' as const,
          createdAt: new Date(now - (SEED.length - position) * 60_000),
          updatedAt: new Date(now - (SEED.length - position) * 60_000),
        })),
      )
      .run();
    const rows = handle.db
      .select({ id: messages.id, position: messages.position })
      .from(messages)
      .all();
    const ids: string[] = [];
    for (const row of rows) ids[row.position] = row.id;
    return ids;
  } finally {
    handle.close();
  }
}

/** The question texts of a list of doubt nodes (direct children of `list` only). */
async function questionsOf(list: Locator): Promise<string[]> {
  return list.evaluate((ul) =>
    Array.from(ul.children).map(
      (li) => li.querySelector(':scope > article p[id]')?.textContent.trim() ?? '',
    ),
  );
}

/** Selects `phrase` inside the first text node of the message that contains it. */
async function selectPhrase(page: Page, messageId: string, phrase: string) {
  await page.evaluate(
    ({ messageId, phrase }) => {
      const root = document.querySelector(`[data-message-id="${messageId}"]`);
      if (!root) throw new Error('message not rendered');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(phrase) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + phrase.length);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
      throw new Error(`phrase not found: ${phrase}`);
    },
    { messageId, phrase },
  );
}

describe('doubts, quick actions and the code editor', () => {
  it('asks, branches and deletes doubts; explains a selection; gets coding help', async () => {
    const { server, browser, fake } = setup();
    const { page, context, problems } = await openPage(browser, { baseURL: server.url });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

    await signUp(page);
    const conversationId = await createConversation(page);
    const ids = seedMessages(server.dataDir, conversationId);
    const answerId = ids[1] ?? '';
    await page.goto(`/c/${conversationId}`);
    const answer = page.locator(`[data-message-id="${answerId}"]`);
    await answer.getByText('scaled dot products').waitFor();

    // --- Ask a doubt from the message menu -----------------------------------------------------
    await answer.hover();
    await answer.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Ask a doubt' }).click();
    const panel = page.locator('#doubts-panel');
    await panel.waitFor();
    await page.waitForURL(`**/c/${conversationId}/m/${answerId}?doubts=1`);
    await panel.getByText('Attention weights the values by').waitFor();
    await panel.getByText('No doubts yet').waitFor();
    const ask = panel.getByLabel('Ask a new question about this message');
    await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);

    const roots = panel.getByRole('list', { name: 'Doubts about this message' });
    const doubt = (question: string) =>
      panel.locator('article[data-doubt-id]').filter({
        has: page.locator('p[id]', { hasText: question }),
      });

    await ask.fill('Why divide by sqrt(d_k)?');
    await panel.getByRole('button', { name: 'Ask', exact: true }).click();
    const first = doubt('Why divide by sqrt(d_k)?');
    await first.getByText('Answer to “Why divide by sqrt(d_k)?”').waitFor();
    await first.getByText('Answered').waitFor();
    expect(await first.locator('.katex').count()).toBeGreaterThan(0);

    // Follow up on it.
    await first.getByRole('button', { name: 'Follow up' }).click();
    await first.getByLabel('Follow-up question').fill('Show numbers');
    await first.locator('form').getByRole('button', { name: 'Follow up' }).click();
    await doubt('Show numbers').getByText('Answered').waitFor();

    // A second root question, then a branch from the first root.
    await ask.fill('What is softmax?');
    await ask.press('Control+Enter');
    await doubt('What is softmax?').getByText('Answered').waitFor();
    await first.getByRole('button', { name: 'Follow up' }).click();
    await first.getByLabel('Follow-up question').fill('Can you give intuition?');
    await first.locator('form').getByRole('button', { name: 'Follow up' }).click();
    await doubt('Can you give intuition?').getByText('Answered').waitFor();

    // Roots newest first; follow-ups of the first root oldest first, nested under it.
    expect(await questionsOf(roots)).toEqual(['What is softmax?', 'Why divide by sqrt(d_k)?']);
    const firstReplies = panel.getByRole('list', { name: /Follow-ups to “Why divide/ });
    expect(await questionsOf(firstReplies)).toEqual(['Show numbers', 'Can you give intuition?']);
    await expect.poll(() => panel.locator('h2').textContent()).toContain('4');
    const doubtRequests = fake
      .chatRequests()
      .filter((r) => text(r.messages[0]).includes('clear up doubts'));
    expect(doubtRequests).toHaveLength(4);
    // The branch sees its thread (the root), not its sibling.
    const branch = text(doubtRequests[3]?.messages.at(-1));
    expect(branch).toContain('Why divide by sqrt(d_k)?');
    expect(branch).not.toContain('Show numbers');
    await panel.locator('figure').scrollIntoViewIfNeeded();
    await screenshot(page, 'doubts-panel-desktop-light');

    // The open panel is part of the URL: a reload (here in the dark theme) brings it back.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await doubt('Can you give intuition?').getByText('Answered').waitFor();
    await answer.getByText('scaled dot products').waitFor();
    await screenshot(page, 'doubts-panel-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Delete the first root with its follow-ups.
    await first.getByRole('button', { name: 'Delete this doubt' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Delete this doubt and its follow-ups?').waitFor();
    await confirm.getByText('3 questions').waitFor();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => questionsOf(roots)).toEqual(['What is softmax?']);
    expect(await doubt('Show numbers').count()).toBe(0);

    // Escape closes the panel and keeps the message URL.
    await ask.focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.waitForURL(`**/c/${conversationId}/m/${answerId}`);

    // --- Quick action on a selection ---------------------------------------------------------
    await selectPhrase(page, answerId, 'weights the values by');
    const toolbar = page.getByRole('toolbar', { name: 'Quick actions on the selected text' });
    await toolbar.waitFor();
    await screenshot(page, 'selection-quick-actions');
    await toolbar.getByRole('button', { name: 'Explain' }).click();
    const side = page.locator('#quick-chat-panel');
    await side.waitFor();
    await side.getByRole('heading', { name: /Explain/ }).waitFor();
    await side.getByText('Side answer (3 messages): Please explain it.').waitFor();
    const explainRequest = fake.chatRequests().at(-1);
    expect(text(explainRequest?.messages[1])).toContain('weights the values by');

    const followUp = side.getByLabel('Follow-up question');
    await followUp.fill('And why scale?');
    await followUp.press('Enter');
    // The follow-up carries the side chat so far as history (system + context + 2 + question).
    await side.getByText('Side answer (5 messages): And why scale?').waitFor();
    await side.getByRole('button', { name: 'Copy the last answer' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain('And why scale?');
    await screenshot(page, 'quick-action-side-chat');

    await side.getByRole('button', { name: 'Save as doubt' }).click();
    await side.getByRole('button', { name: 'Saved as doubt' }).waitFor();
    await page.getByRole('button', { name: 'View' }).click();
    await panel.waitFor();
    const saved = doubt('Explain: “weights the values by”');
    await saved.getByText('Please explain it.').waitFor();
    const savedReplies = panel.getByRole('list', { name: /Follow-ups to “Explain/ });
    expect(await questionsOf(savedReplies)).toEqual(['And why scale?']);
    expect(await questionsOf(roots)).toEqual([
      'Explain: “weights the values by”',
      'What is softmax?',
    ]);
    await panel.getByRole('button', { name: 'Close the doubts' }).click();
    await panel.waitFor({ state: 'detached' });

    // --- Code editor: lazy CodeMirror, Hint, Full solution, Stop -------------------------------
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const code = page.locator('#code-editor-panel');
    await code.locator('.cm-editor').waitFor();
    await code.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n');
    await code.getByLabel('Problem / context').fill('Sum the numbers in a list.');
    await code.getByRole('button', { name: 'Hint', exact: true }).click();
    const hint = code.getByRole('region', { name: 'Hint' });
    await hint.getByText('walk the list once').waitFor();
    const hintRequest = fake.chatRequests().at(-1);
    expect(text(hintRequest?.messages.at(-1))).toContain('def total(xs):');
    expect(text(hintRequest?.messages.at(-1))).toContain('Sum the numbers in a list.');
    await code.getByRole('button', { name: 'Full solution', exact: true }).click();
    const solution = code.getByRole('region', { name: 'Full solution' });
    await solution.locator('code.language-python').waitFor();
    await hint.scrollIntoViewIfNeeded();
    await screenshot(page, 'code-editor-hint');

    // A provider error is shown where the hint would be.
    fake.script({
      status: 400,
      errorMessage: 'Model overloaded',
      match: (body) => text(body.messages[0]).includes('Give a hint'),
    });
    await code.getByRole('button', { name: 'Hint', exact: true }).click();
    await hint
      .getByRole('alert')
      .getByText(/Model overloaded/)
      .waitFor();

    // A slow hint, stopped part-way: the partial text stays, marked as stopped.
    fake.script({
      chunks: Array.from({ length: 60 }, (_, i) => `step${i} `),
      chunkDelayMs: 120,
      match: (body) => text(body.messages[0]).includes('Give a hint'),
    });
    await code.getByRole('button', { name: 'Hint', exact: true }).click();
    await hint.getByText(/step2/).waitFor();
    await code.getByRole('button', { name: 'Stop hint' }).click();
    await hint.getByText('Stopped').waitFor();
    expect(await hint.textContent()).not.toContain('step59');
    await code.getByRole('button', { name: 'Hint', exact: true }).waitFor();

    // The code is kept for this conversation in this browser.
    await page.reload();
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await code.locator('.cm-editor').waitFor();
    await code.getByText('t += x').waitFor();
    await page.keyboard.press('Escape');

    // --- Phones: sheets ----------------------------------------------------------------------
    const phone = await openPage(browser, {
      baseURL: server.url,
      ...PHONE,
      storageState: await context.storageState(),
    });
    await phone.page.goto(`/c/${conversationId}/m/${answerId}?doubts=1`);
    const sheet = phone.page.getByRole('dialog');
    await sheet.getByText('What is softmax?', { exact: true }).waitFor();
    await sheet.getByText('Answer to “What is softmax?”').waitFor();
    await screenshot(phone.page, 'doubts-sheet-mobile');
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'detached' });
    await phone.page.getByRole('button', { name: 'Open the code editor' }).click();
    await phone.page.getByRole('dialog').locator('.cm-editor').waitFor();
    await screenshot(phone.page, 'code-sheet-mobile');
    phone.problems.assertNone();
    await phone.context.close();

    problems.assertNone();
  });
});
