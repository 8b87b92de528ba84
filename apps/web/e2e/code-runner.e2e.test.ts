/**
 * The code runner in the browser against the real built server, whose start-up detects
 * bubblewrap for real: Run on a ```python block in an answer, and Run in the code editor panel.
 */
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, type OpenedPage, setUpFirstAdmin, newChat } from './harness';
import { fakeProviderPerFile, lastUserText } from './provider';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};

const ANSWER = [
  'Here is the computation:',
  '',
  '```python',
  'import sys',
  'print(6 * 7)',
  'print("careful", file=sys.stderr)',
  '```',
  '',
  'And a shell line that cannot run here:',
  '',
  '```bash',
  'echo hi',
  '```',
].join('\n');

let opened: OpenedPage | undefined;

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = JSON.stringify(body.messages);
    if (text.includes('<title>'))
      return { content: '<title>Running code</title><summary>Code.</summary>' };
    if (text.includes('<suggestion>')) return { content: '<suggestion>More?</suggestion>' };
    return { content: lastUserText(body).includes('compute') ? ANSWER : 'OK.' };
  },
});

/** Sandboxed programs still running on this host (runs execute as "nobody" from /tmp/main.js). */
function sandboxedLoops(): number {
  const found = spawnSync(
    'pgrep',
    ['-f', '^/usr/bin/node --max-old-space-size=[0-9]+ /tmp/main.js'],
    {
      encoding: 'utf8',
    },
  );
  return found.stdout.split('\n').filter(Boolean).length;
}

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

describe('code runner', () => {
  it('runs a python block of an answer and JavaScript in the editor panel', async () => {
    const { server, browser } = setup();
    opened = await openPage(browser, { baseURL: server.url });
    const { page, problems } = opened;
    await signUp(page);
    const features = await page.evaluate(async () => {
      const response = await fetch('/trpc/system.config');
      return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
    });
    expect(features).toMatchObject({ features: { codeRunner: true } });

    await newChat(page);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Please compute six times seven');
    await composer.press('Enter');
    const answer = page.locator('article[data-role="assistant"]').last();
    const python = answer.locator('.md-code').filter({ hasText: 'print(6 * 7)' });
    await python.waitFor();
    // Only languages the server can run get a Run button.
    const bash = answer.locator('.md-code').filter({ hasText: 'echo hi' });
    expect(await bash.getByRole('button', { name: 'Run' }).count()).toBe(0);

    // Keyboard: focus Run and press Enter.
    await python.getByRole('button', { name: 'Run' }).focus();
    await page.keyboard.press('Enter');
    const output = python.getByRole('region', { name: 'Run output' });
    await output.getByTestId('run-stdout').getByText('42').waitFor({ timeout: 15_000 });
    expect(await output.getByTestId('run-stdout').textContent()).toBe('42\n');
    expect(await output.getByTestId('run-stderr').textContent()).toBe('careful\n');
    await output.getByText('Exit code 0').waitFor();
    await python.scrollIntoViewIfNeeded();
    await screenshot(page, 'code-runner-answer');

    // The editor panel runs JavaScript.
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const panel = page.locator('#code-editor-panel');
    await panel.locator('.cm-editor').waitFor();
    await panel.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'JavaScript' }).click();
    await panel.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      'const xs = [1, 2, 3];\nconsole.log(xs.map((x) => x * 2).join(","));\nprocess.exit(3);\n',
    );
    await panel.getByRole('button', { name: 'Run' }).click();
    const editorOutput = panel.getByRole('region', { name: 'Run output' });
    await editorOutput.getByTestId('run-stdout').getByText('2,4,6').waitFor({ timeout: 15_000 });
    await editorOutput.getByText('Exit code 3').waitFor();
    await screenshot(page, 'code-runner-editor');

    // A long run shows the spinner and can be cancelled.
    await panel.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('for (;;) {}\n');
    await panel.getByRole('button', { name: 'Run' }).click();
    await editorOutput.getByText('Running…').waitFor();
    await expect.poll(sandboxedLoops, { timeout: 3000 }).toBe(1);
    await screenshot(page, 'code-runner-running');
    await editorOutput.getByRole('button', { name: 'Cancel' }).click();
    await editorOutput.getByText('Cancelled').waitFor();
    // The aborted request made the server kill the sandbox, well before the 10 s wall clock.
    await expect.poll(sandboxedLoops, { timeout: 3000 }).toBe(0);

    // After the cancel, the runner is free again.
    await panel.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('console.log("again")\n');
    await panel.getByRole('button', { name: 'Run' }).click();
    await editorOutput.getByTestId('run-stdout').getByText('again').waitFor({ timeout: 15_000 });
    problems.assertNone();
  }, 90_000);

  it('fits a phone screen', async () => {
    const { server, browser } = setup();
    if (!opened) throw new Error('the first test signs in');
    const phone = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      storageState: await opened.context.storageState(),
      reducedMotion: 'reduce',
    });
    try {
      const page = await phone.newPage();
      await page.goto(opened.page.url());
      const python = page
        .locator('article[data-role="assistant"]')
        .last()
        .locator('.md-code')
        .filter({ hasText: 'print(6 * 7)' });
      await python.getByRole('button', { name: 'Run' }).click();
      await python.getByTestId('run-stdout').getByText('42').waitFor({ timeout: 15_000 });
      await python.scrollIntoViewIfNeeded();
      await screenshot(page, 'code-runner-phone');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    } finally {
      await phone.close();
    }
  }, 60_000);
});
