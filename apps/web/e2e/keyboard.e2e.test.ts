/**
 * The core chat flow with the keyboard only (no mouse after the page loads): sign in, a new chat
 * by shortcut, send with Enter, stop with Esc, the slash palette, the model picker and the options
 * popover, an answer's "⋯" menu, a doubt, and search with Ctrl+K. Every focused control must show
 * a visible focus ring, and focus must come back where a user expects when an overlay closes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, setUpFirstAdmin, signIn } from './harness';
import { fakeProviderPerFile, lastUserText, systemText } from './provider';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = JSON.stringify(body.messages);
    if (text.includes('<title>'))
      return { content: '<title>Keyboard chat</title><summary>s</summary>' };
    if (text.includes('<suggestion>')) return { content: '<suggestion>And next?</suggestion>' };
    if (systemText(body).includes('clear up doubts')) return { content: 'DOUBT-ANSWER: it is.' };
    return { content: `Echo: ${lastUserText(body)}` };
  },
  env: {
    MODELS: JSON.stringify([
      { id: 'fake-chat', label: 'Fake chat' },
      { id: 'fake-other', label: 'Fake other' },
    ]),
  },
});

interface Focused {
  tag: string;
  name: string;
  focusVisible: boolean;
  /** An outline or a box-shadow ring is drawn around the element. */
  ring: boolean;
}

/** What has the focus, and whether it is visibly marked. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) {
      return { tag: 'body', name: '', focusVisible: false, ring: false };
    }
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    // Text fields show focus through their frame (the composer form) rather than an outline.
    const frame = el.closest('form');
    const frameRing =
      (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) &&
      frame !== null &&
      getComputedStyle(frame).boxShadow !== 'none';
    const name =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.textContent;
    return {
      tag: el.tagName.toLowerCase(),
      name: name.trim(),
      focusVisible: el.matches(':focus-visible'),
      ring: outline || shadow || frameRing,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `max`. */
async function tabTo(page: Page, name: RegExp, { back = false, max = 40 } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    seen.push(now.name);
    if (name.test(now.name)) return;
  }
  throw new Error(`Tab never reached ${String(name)}; passed: ${seen.join(' | ')}`);
}

/** In an open menu: waits for the focus to enter it, then presses ↓ until `name` has it. */
async function arrowTo(page: Page, name: RegExp): Promise<void> {
  const inMenu = () => page.evaluate(() => document.activeElement?.getAttribute('role') ?? '');
  await expect.poll(inMenu).toBe('menuitem');
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    const before = (await focused(page)).name;
    if (name.test(before)) return;
    seen.push(before);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await focused(page)).name).not.toBe(before);
  }
  throw new Error(`↓ never reached ${String(name)}; passed: ${seen.join(' | ')}`);
}

/** The focused element matches `name` and shows a focus ring (checked after it settles). */
async function expectFocus(page: Page, name: RegExp) {
  await expect.poll(async () => (await focused(page)).name, { timeout: 5000 }).toMatch(name);
  const now = await focused(page);
  expect(now, `focus ring on ${now.name}`).toMatchObject({ focusVisible: true, ring: true });
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const lastAnswer = (page: Page) => page.locator('article[data-role="assistant"]').last();
const sendButton = (page: Page) => page.getByRole('button', { name: /^Send/ });

/** Ctrl+Shift+O; resolves with the new chat's id as soon as the address bar shows it. */
async function newChatByShortcut(page: Page): Promise<string> {
  const before = page.url();
  await page.keyboard.press('Control+Shift+O');
  await page.waitForURL((url) => url.href !== before && url.pathname.startsWith('/c/'));
  return new URL(page.url()).pathname.slice('/c/'.length);
}

describe('keyboard only', () => {
  it('chats, stops, uses the palette, picker, options, message menu, doubts and search', async () => {
    const { fake, server, browser } = setup();
    // The account comes first (its form is covered by auth.e2e); the journey itself starts signed out.
    const admin = await openPage(browser, { baseURL: server.url });
    await setUpFirstAdmin(admin.page, ADMIN);
    await admin.context.close();

    const { page, problems, context } = await openPage(browser, { baseURL: server.url });
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).waitFor();

    // --- Sign in ---------------------------------------------------------------------------------
    await tabTo(page, /^Email/);
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await expectFocus(page, /^Password/);
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Account menu' }).waitFor();

    // --- New chat by shortcut; the composer has the focus --------------------------------------
    await page.keyboard.press('Control+Shift+O');
    await page.waitForURL('**/c/**');
    await expect
      .poll(() => composer(page).evaluate((el) => el === document.activeElement))
      .toBe(true);

    // --- Send with Enter, stop with Esc -------------------------------------------------------
    fake.script({
      match: (body) => lastUserText(body).includes('slow story'),
      chunks: Array.from({ length: 40 }, (_, i) => `word${String(i + 1)} `),
      chunkDelayMs: 150,
    });
    // The conversation has loaded (its empty state and the model list) before typing.
    await page.getByText('No messages yet').waitFor();
    await page.getByRole('button', { name: /^Model: Fake chat/ }).waitFor();
    await page.keyboard.type('Tell me a slow story');
    await expect.poll(() => composer(page).inputValue()).toBe('Tell me a slow story');
    await page.keyboard.press('Enter');
    await page.locator('article[data-role="user"]', { hasText: 'slow story' }).waitFor();
    await lastAnswer(page).getByText('word3').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await lastAnswer(page).getByText('Stopped', { exact: true }).waitFor();
    await sendButton(page).waitFor();
    expect(await lastAnswer(page).textContent()).not.toContain('word40');

    await page.keyboard.type('What is a trace?');
    await page.keyboard.press('Enter');
    await lastAnswer(page).getByText('Echo: What is a trace?').waitFor({ timeout: 20_000 });
    await sendButton(page).waitFor();

    // --- Slash palette: open, move, pick, close -------------------------------------------------
    await page.keyboard.type('/');
    const palette = page.getByRole('listbox', { name: 'Commands' });
    await palette.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    expect(await composer(page).inputValue()).toBe('/');
    await page.keyboard.press('Backspace');

    // --- Model picker: Tab to it, open with Enter, pick with Space, Esc returns focus ----------
    await tabTo(page, /^Model:/);
    await expectFocus(page, /^Model:/);
    await page.keyboard.press('Enter');
    const models = page.getByRole('group', { name: 'Models to ask' });
    await models.waitFor();
    await tabTo(page, /Fake other/, { max: 10 });
    await page.keyboard.press('Space');
    await screenshot(page, 'keyboard-model-picker');
    await page.keyboard.press('Escape');
    await models.waitFor({ state: 'detached' });
    await expectFocus(page, /^Model:/);

    // --- Options popover ---------------------------------------------------------------------
    await tabTo(page, /^Options/);
    await page.keyboard.press('Enter');
    const options = page.getByRole('dialog', { name: 'Chat options' });
    await options.waitFor();
    // A segmented choice is one tab stop; the arrow keys move inside it.
    await tabTo(page, /^Normal$/, { max: 15 });
    await expectFocus(page, /^Normal$/);
    await page.keyboard.press('ArrowRight');
    await expectFocus(page, /^Detailed$/);
    await page.keyboard.press('Space');
    await expect
      .poll(() => options.getByRole('radio', { name: 'Detailed' }).getAttribute('aria-checked'))
      .toBe('true');
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    await expectFocus(page, /^Options/);

    // --- The answer's "⋯" menu, then a doubt ------------------------------------------------------
    await tabTo(page, /^More actions$/, { back: true, max: 60 });
    await expectFocus(page, /^More actions$/);
    // The row of tools, hidden until hover or focus, is visible now.
    const tools = lastAnswer(page).locator('..').getByRole('button', { name: 'More actions' });
    await expect.poll(() => tools.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await screenshot(page, 'keyboard-message-menu');
    // Esc closes the menu and gives the focus back to its button.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expectFocus(page, /^More actions$/);
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await arrowTo(page, /^Ask a doubt/);
    await page.keyboard.press('Enter');
    const panel = page.locator('#doubts-panel');
    await panel.waitFor();
    const ask = panel.getByLabel('Ask a new question about this message');
    await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Why is that?');
    await page.keyboard.press('Control+Enter');
    await panel.getByText('DOUBT-ANSWER').waitFor({ timeout: 20_000 });
    await panel.getByText('Answered').waitFor();
    await screenshot(page, 'keyboard-doubt');
    // Esc closes the panel; the focus goes back to the button that opened it, not to <body>.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expectFocus(page, /^More actions$/);

    // --- Search with Ctrl+K -------------------------------------------------------------------
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search conversations' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('trace');
    await page.getByRole('option').first().waitFor();
    await screenshot(page, 'keyboard-search');
    // Esc closes it and the focus returns to where it was.
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'detached' });
    await expectFocus(page, /^More actions$/);
    // Enter on a result opens the message it found.
    await page.keyboard.press('Control+k');
    await search.waitFor();
    await page.keyboard.type('trace');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/c\/[^/]+\/m\/[^/]+$/);
    await search.waitFor({ state: 'detached' });
    // …and the composer takes the focus, ready for a follow-up question.
    await expect
      .poll(() => composer(page).evaluate((el) => el === document.activeElement))
      .toBe(true);

    problems.assertNone();
    await context.close();
  });

  it('sends what is typed right after Ctrl+Shift+O to the new chat on a slow machine', async () => {
    const { server, browser } = setup();
    const { page, problems, context } = await openPage(browser, { baseURL: server.url });
    await signIn(page, ADMIN);
    await page.getByRole('button', { name: 'Account menu' }).waitFor();
    const first = await newChatByShortcut(page);
    await composer(page).fill('The first chat');
    await composer(page).press('Enter');
    await lastAnswer(page).getByText('Echo: The first chat').waitFor({ timeout: 20_000 });
    await sendButton(page).waitFor();

    const sentTo = new Map<string, string>();
    page.on('request', (request) => {
      if (!request.url().includes('/trpc/chat.send')) return;
      const { json } = request.postDataJSON() as { json: { conversationId: string; text: string } };
      sentTo.set(json.text, json.conversationId);
    });
    // On a loaded machine the next page renders for seconds after the address bar changed, while
    // the previous chat is still on screen and its composer still has the focus.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    try {
      // Typed and sent at once: it goes to the new chat, not to the one still on screen.
      const second = await newChatByShortcut(page);
      await page.keyboard.type('Sent at once');
      await page.keyboard.press('Enter');
      await expect.poll(() => sentTo.get('Sent at once'), { timeout: 30_000 }).toBe(second);
      await lastAnswer(page).getByText('Echo: Sent at once').waitFor({ timeout: 30_000 });
      await sendButton(page).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe(`/c/${second}`);

      // Typed at once and sent once the new chat shows: the text came along, Enter sends it.
      const third = await newChatByShortcut(page);
      await page.keyboard.type('Typed early');
      await page.getByText('No messages yet').waitFor({ timeout: 30_000 });
      await expect.poll(() => composer(page).inputValue(), { timeout: 10_000 }).toBe('Typed early');
      await page.keyboard.press('Enter');
      await expect.poll(() => sentTo.get('Typed early'), { timeout: 30_000 }).toBe(third);
      await lastAnswer(page).getByText('Echo: Typed early').waitFor({ timeout: 30_000 });
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    expect([...sentTo.values()]).not.toContain(first);
    problems.assertNone();
    await context.close();
  }, 180_000);
});
