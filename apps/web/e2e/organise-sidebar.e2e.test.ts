import { conversations, eq, messages, openDb } from '@margin/db';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, serverAndBrowserPerFile, PHONE } from './harness';

const ADMIN = { name: 'Grace Hopper', email: 'grace@example.com', password: 'compiler-a0-1952' };

const setup = serverAndBrowserPerFile();

/** A tRPC query over HTTP with the page's session cookie (superjson envelope). */
async function apiQuery(page: Page, path: string, input: unknown): Promise<unknown> {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await page.request.get(`/trpc/${path}?input=${query}`);
  const body = (await response.json()) as { result?: { data?: { json?: unknown } } };
  if (!response.ok()) return { status: response.status() };
  return body.result?.data?.json;
}

interface ApiWorkspace {
  id: string;
  name: string;
  color: string | null;
  parentId: string | null;
}
interface ApiConversation {
  id: string;
  title: string;
  workspaceId: string;
  flag: string | null;
  stateless: boolean;
}

const conversationId = (page: Page) => /\/c\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];

/** The folder toggle (its name starts with the folder name; a count may follow). */
const folder = (page: Page, name: string) =>
  page.getByRole('button', { name: new RegExp(`^${name}( \\d+ conversations?)?$`) });
const folderGroup = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const row = (scope: Page | Locator, title: string) => scope.getByRole('link', { name: title });
/** The original chat's row, not its "(copy)". */
const original = (scope: Locator) =>
  scope.getByRole('link', { name: /^TraceMonkey notes(?! \(copy\))/ });

async function contextMenu(page: Page, target: Locator) {
  await target.click({ button: 'right' });
  await page.getByRole('menu').waitFor();
}

describe('organise: sidebar, workspaces, conversation actions, search', () => {
  it('organises conversations into nested workspaces and finds them again', async () => {
    const { server, browser } = setup();
    const opened = await openPage(browser, { baseURL: server.url });
    const { page, context, problems } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

    // First run: create the admin, land in the app with the sidebar tree.
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await folder(page, 'General').waitFor();

    // A top-level workspace with a colour…
    await page.getByRole('button', { name: 'New workspace', exact: true }).click();
    const createDialog = page.getByRole('dialog', { name: 'New workspace' });
    await createDialog.getByLabel('Name').fill('Papers');
    await createDialog.getByRole('radio', { name: 'Blue' }).click();
    await createDialog.getByRole('button', { name: 'Create' }).click();
    await folder(page, 'Papers').waitFor();

    // …and a folder inside it, from the folder's context menu.
    await contextMenu(page, folder(page, 'Papers'));
    await page.getByRole('menuitem', { name: 'New folder inside' }).click();
    const nestedDialog = page.getByRole('dialog', { name: 'New folder in “Papers”' });
    await nestedDialog.getByLabel('Name').fill('2024');
    await nestedDialog.getByRole('button', { name: 'Create' }).click();
    await folderGroup(page, 'Papers').getByRole('button', { name: '2024' }).waitFor();

    // New chat opens /c/:id and lists it under General.
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await page.waitForURL(/\/c\/[^/]+$/);
    const chatId = conversationId(page);
    expect(chatId).toBeTruthy();
    const general = folderGroup(page, 'General');
    await row(general, 'New conversation').waitFor();
    await expect
      .poll(() => row(general, 'New conversation').getAttribute('aria-current'))
      .toBe('page');

    // Rename inline from the context menu.
    await contextMenu(page, row(general, 'New conversation'));
    await screenshot(page, 'organise-context-menu-light');
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const titleBox = page.getByRole('textbox', { name: 'Conversation title' });
    await expect.poll(() => titleBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await titleBox.fill('TraceMonkey notes');
    await titleBox.press('Enter');
    await row(general, 'TraceMonkey notes').waitFor();

    // Flag it red from the "⋯" button, with the keyboard: Tab reaches it, Enter opens it.
    await row(general, 'TraceMonkey notes').focus();
    await page.keyboard.press('Tab');
    const actions = page.getByRole('button', { name: 'Actions for TraceMonkey notes' });
    expect(await actions.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Flag' }).click();
    await page.getByRole('menuitemradio', { name: 'Red' }).waitFor();
    await screenshot(page, 'organise-flag-picker-light');
    await page.getByRole('menuitemradio', { name: 'Red' }).click();
    await row(general, 'Red flag').waitFor();

    // Drag the conversation onto "2024": the folder lights up, the chat moves there (UI and API).
    const target2024 = folderGroup(page, 'Papers').getByRole('button', { name: /^2024/ });
    const from = await row(general, 'TraceMonkey notes').boundingBox();
    const to = await target2024.boundingBox();
    if (!from || !to) throw new Error('drag source or target not visible');
    await page.mouse.move(from.x + 30, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height / 2, { steps: 2 });
    await page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 5 });
    await page.mouse.move(to.x + 50, to.y + to.height / 2, { steps: 2 });
    await page.locator('[data-drop-target]', { hasText: '2024' }).waitFor();
    await screenshot(page, 'organise-drag-over-light');
    await page.mouse.up();
    await page.getByText('Moved to “2024”').waitFor();
    const in2024 = folderGroup(page, '2024');
    await row(in2024, 'TraceMonkey notes').waitFor();
    expect(await row(general, 'TraceMonkey notes').count()).toBe(0);
    const workspaces = (await apiQuery(page, 'workspaces.list', {
      domain: 'assistant',
    })) as ApiWorkspace[];
    const papers = workspaces.find((w) => w.name === 'Papers');
    const folder2024 = workspaces.find((w) => w.name === '2024');
    expect(folder2024?.parentId).toBe(papers?.id);
    const moved = (await apiQuery(page, 'conversations.get', { id: chatId })) as ApiConversation;
    expect(moved).toMatchObject({ title: 'TraceMonkey notes', flag: 'danger' });
    expect(moved.workspaceId).toBe(folder2024?.id);
    await page.mouse.move(900, 400);
    await screenshot(page, 'organise-sidebar-desktop-light');

    // Clone opens the copy.
    await contextMenu(page, row(in2024, 'TraceMonkey notes'));
    await page.getByRole('menuitem', { name: 'Clone' }).click();
    await page.waitForURL(
      (url) => /^\/c\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(chatId ?? ''),
    );
    const cloneId = conversationId(page);
    const clone = (await apiQuery(page, 'conversations.get', { id: cloneId })) as ApiConversation;
    expect(clone.id).not.toBe(chatId);
    await row(page, clone.title).first().waitFor();

    // Rows are links: back and forward move between the conversations opened.
    await original(in2024).click();
    await page.waitForURL((url) => url.pathname === `/c/${chatId ?? ''}`);
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `/c/${cloneId ?? ''}`);
    await expect.poll(() => row(page, clone.title).getAttribute('aria-current')).toBe('page');
    await page.goForward();
    await page.waitForURL((url) => url.pathname === `/c/${chatId ?? ''}`);

    // The keyboard/touch alternative to dragging: "Move to" → General.
    await contextMenu(page, row(in2024, clone.title));
    await page.getByRole('menuitem', { name: 'Move to' }).click();
    await page.getByRole('menuitem', { name: 'General' }).click();
    await row(general, clone.title).waitFor();

    // Export as Markdown downloads the file the server names.
    const download = page.waitForEvent('download');
    await contextMenu(page, original(in2024));
    await page.getByRole('menuitem', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Markdown (.md)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.md$/);

    // Folder colour from the palette.
    await contextMenu(page, folder(page, 'Papers'));
    await page.getByRole('menuitem', { name: 'Colour' }).click();
    await page.getByRole('menuitemradio', { name: 'Green' }).click();
    await expect
      .poll(async () => {
        const list = (await apiQuery(page, 'workspaces.list', {
          domain: 'assistant',
        })) as ApiWorkspace[];
        return list.find((w) => w.name === 'Papers')?.color;
      })
      .toBe('success');

    // Share: the link is copied, and it opens for someone who is not signed in.
    await contextMenu(page, original(in2024));
    await page.getByRole('menuitem', { name: 'Share link' }).click();
    await page.getByText('Link copied').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{20,}$`));
    const stranger = await browser.newContext();
    const response = await (await stranger.newPage()).goto(link);
    expect(response?.status()).toBe(200);
    await stranger.close();
    await contextMenu(page, original(in2024));
    await page.getByRole('menuitem', { name: 'Stop sharing' }).waitFor();
    await page.getByRole('menuitem', { name: 'Copy link' }).waitFor();
    await page.keyboard.press('Escape');

    // Search: messages written straight into the server's database.
    const db = openDb(join(server.dataDir, 'margin.db'));
    let messageId: string;
    try {
      const owner = db.db
        .select({ userId: conversations.userId })
        .from(conversations)
        .where(eq(conversations.id, chatId ?? ''))
        .get();
      const inserted = db.db
        .insert(messages)
        .values([
          {
            conversationId: chatId ?? '',
            userId: owner?.userId ?? '',
            role: 'user',
            content: 'How does TraceMonkey handle polymorphic call sites in hot loops?',
            position: 0,
          },
          {
            conversationId: chatId ?? '',
            userId: owner?.userId ?? '',
            role: 'assistant',
            content: 'It records a trace per type combination and guards each polymorphic site.',
            position: 1,
          },
        ])
        .returning({ id: messages.id })
        .all();
      messageId = inserted[0]?.id ?? '';
    } finally {
      db.close();
    }
    // Rows written behind the app's back: start from a fresh page so no cached list is stale.
    await page.reload();
    await folder(page, 'Papers').waitFor();

    // Each tab has its own workspaces: the Search tab starts with just "General".
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => folder(page, 'Papers').count()).toBe(0);
    await folder(page, 'General').waitFor();

    await page.keyboard.press('Control+k');
    const searchBox = page.getByRole('combobox', { name: 'Search conversations' });
    await searchBox.fill('polymorphic');
    await page.getByRole('option').first().waitFor();
    expect(await page.getByRole('option').count()).toBe(2);
    expect(await page.getByRole('option').locator('mark').first().textContent()).toMatch(
      /polymorphic/i,
    );
    await screenshot(page, 'organise-search-palette-light');
    await searchBox.press('Enter');
    await page.waitForURL((url) => url.pathname === `/c/${chatId ?? ''}/m/${messageId}`);
    // The result belongs to the Assistant tab: the tab follows the conversation.
    await expect
      .poll(() => page.getByRole('tab', { name: 'Assistant' }).getAttribute('aria-selected'))
      .toBe('true');
    await folder(page, 'Papers').waitFor();

    // No results state.
    await page.keyboard.press('Control+k');
    await searchBox.fill('zzzyzzx');
    await page.getByText('No messages match “zzzyzzx”').waitFor();
    await page.keyboard.press('Escape');

    // A temporary chat (created in the open chat's folder) vanishes when the user leaves it.
    await page.getByRole('button', { name: /New temporary chat/ }).click();
    await page.waitForURL((url) => /^\/c\/[^/]+$/.test(url.pathname));
    const temporaryId = conversationId(page);
    await row(in2024, 'Temporary chat').waitFor();
    // The row can appear a render before it is marked current: poll rather than read once.
    await expect
      .poll(() => row(in2024, 'Temporary chat').getAttribute('aria-current'))
      .toBe('page');
    await page.keyboard.press('Control+Shift+O');
    await page.waitForURL((url) => url.pathname !== `/c/${temporaryId ?? ''}`);
    await expect.poll(() => row(page, 'Temporary chat').count()).toBe(0);
    expect(await apiQuery(page, 'conversations.get', { id: temporaryId })).toEqual({
      status: 404,
    });

    // Dark theme.
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await page.mouse.move(900, 400);
    await screenshot(page, 'organise-sidebar-desktop-dark');
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();

    // Delete "2024": the dialog says where its chats go, and they go there.
    await contextMenu(page, folderGroup(page, 'Papers').getByRole('button', { name: /^2024/ }));
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete “2024”?' });
    await confirm.getByText('will move to “Papers”').waitFor();
    await confirm.getByRole('button', { name: 'Delete workspace' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => folder(page, '2024').count()).toBe(0);
    await row(folderGroup(page, 'Papers'), 'TraceMonkey notes').first().waitFor();
    // General cannot be deleted: its menu has no Delete.
    await contextMenu(page, folder(page, 'General'));
    expect(await page.getByRole('menuitem', { name: 'Delete' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    problems.assertNone();
    await context.close();
  });

  it('shows the tree in the mobile drawer', async () => {
    const { server, browser } = setup();
    const { page, context, problems } = await openPage(browser, {
      baseURL: server.url,
      ...PHONE,
      deviceScaleFactor: 2,
    });
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Open sidebar' }).click();
    const drawer = page.getByRole('dialog', { name: 'Sidebar' });
    await folder(page, 'Papers').waitFor();
    await row(drawer, 'TraceMonkey notes').first().waitFor();
    await screenshot(page, 'organise-sidebar-mobile-drawer');

    // The search palette fits a phone screen.
    await drawer.getByRole('button', { name: 'Search chats' }).click();
    await drawer.waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Search conversations' }).fill('trace');
    await page.getByRole('option').first().waitFor();
    await screenshot(page, 'organise-search-palette-mobile');
    await page.getByRole('button', { name: 'Close search' }).click();
    await page.getByRole('button', { name: 'Open sidebar' }).click();

    // Opening a conversation closes the drawer.
    await row(drawer, 'TraceMonkey notes').first().click();
    await page.waitForURL(/\/c\/[^/]+$/);
    await drawer.waitFor({ state: 'detached' });

    problems.assertNone();
    await context.close();
  });
});
