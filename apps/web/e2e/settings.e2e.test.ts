import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type OpenedPage, openPage, screenshot, serverAndBrowserPerFile } from './harness';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};
const USER = { email: 'grace@example.com', password: 'cobol-forever-1959' };

const MEMORY = 'I am a PhD student in computational biology. I know Python well and R a little.';
const PREFERENCES = 'Be direct. Use SI units. Show code in Python unless I ask otherwise.';

const setup = serverAndBrowserPerFile();

async function openAccountMenu(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menu').waitFor();
}

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('button', { name: 'Theme' }).click();
  await page.getByRole('menuitemradio', { name: theme }).click();
}

/** The row of a prompt in the list (its accessible name starts with the prompt name). */
function promptLink(page: Page, name: string): Locator {
  return page
    .getByRole('complementary', { name: 'Prompts' })
    .getByRole('link', { name: new RegExp(`^${name}\\b`) });
}

function details(page: Page): Locator {
  return page.getByRole('region', { name: 'Prompt details' });
}

async function signIn({ page }: OpenedPage, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('button', { name: 'Account menu' }).waitFor();
}

describe('settings: profile and prompt library', () => {
  it('edits the profile and manages prompts as an admin', async () => {
    const { server, browser } = setup();
    const opened = await openPage(browser, { baseURL: server.url });
    const { page, context, problems } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

    // First-run setup of the admin.
    await page.goto('/setup');
    await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // ── About you ────────────────────────────────────────────────────────────────────────────
    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'About you…' }).click();
    const profile = page.getByRole('dialog', { name: 'About you' });
    await profile.waitFor();
    const save = profile.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await profile.getByLabel('What Margin should know about you').fill(MEMORY);
    await profile.getByLabel('How you want answers').fill(PREFERENCES);
    expect(await save.isDisabled()).toBe(false);
    await profile.getByText(`${String(MEMORY.length)} / 20,000`).waitFor();
    await screenshot(page, 'settings-profile-dialog');
    await save.click();
    await profile.waitFor({ state: 'detached' });
    await page.getByText('Margin will use this from your next message').waitFor();

    await page.reload();
    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'About you…' }).click();
    await profile.waitFor();
    expect(await profile.getByLabel('What Margin should know about you').inputValue()).toBe(MEMORY);
    expect(await profile.getByLabel('How you want answers').inputValue()).toBe(PREFERENCES);
    await profile.getByText(/Last saved/).waitFor();
    // Unsaved edits are not dropped silently.
    await profile.getByLabel('How you want answers').fill(`${PREFERENCES} Extra.`);
    await page.keyboard.press('Escape');
    const discard = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await discard.getByRole('button', { name: 'Discard' }).click();
    await profile.waitFor({ state: 'detached' });

    // ── Prompt library: seeded global prompts ────────────────────────────────────────────────
    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'Prompt library' }).click();
    await page.waitForURL('**/prompts');
    await page.getByRole('heading', { name: 'Prompt library' }).waitFor();
    await promptLink(page, 'concise_answer').waitFor();
    await promptLink(page, 'daily_study_plan').waitFor();
    await page.getByText('Pick a prompt to read or edit it').waitFor();

    await promptLink(page, 'socratic_tutor').click();
    await details(page).getByRole('heading', { name: 'socratic_tutor' }).waitFor();
    await screenshot(page, 'settings-prompts-desktop-light');

    // ── Create: inline validation from the shared schema, then a personal prompt ─────────────
    await page.getByRole('button', { name: 'New prompt' }).first().click();
    const create = page.getByRole('dialog', { name: 'New prompt' });
    await create.waitFor();
    await create.getByLabel('Name', { exact: true }).fill('My Style');
    await create.getByText(/Prompt names are 1–64 lowercase letters/).waitFor();
    // An admin chooses who sees it.
    await create.getByRole('combobox', { name: 'Visible to' }).waitFor();
    await screenshot(page, 'settings-prompt-create-validation');
    await create.getByRole('button', { name: 'Use “my_style”' }).click();
    expect(await create.getByLabel('Name', { exact: true }).inputValue()).toBe('my_style');
    expect(await create.getByText(/Prompt names are 1–64/).count()).toBe(0);
    await create.getByLabel('Content').fill('Answer for {date}. {concise_answer}');
    await create.getByLabel('Description').fill('How I like my answers');
    await create.getByLabel('Category').fill('style');
    const tags = create.getByLabel('Tags', { exact: true });
    await tags.fill('writing');
    await tags.press('Enter');
    await tags.fill('mine');
    await tags.press(',');
    await create.getByRole('button', { name: 'Remove tag mine' }).waitFor();
    await create.getByRole('button', { name: 'Create prompt' }).click();
    await create.waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.search.includes('prompt=my_style'));
    await details(page).getByRole('heading', { name: 'my_style' }).waitFor();
    await promptLink(page, 'my_style').waitFor();

    // Preview: composed by the server with today's date (UTC) and the included prompt.
    const today = new Date().toISOString().slice(0, 10);
    await details(page).getByRole('tab', { name: 'Preview' }).click();
    const composed = details(page).getByRole('region', { name: 'Composed prompt' });
    await expect
      .poll(() => composed.textContent())
      .toContain(`Answer for ${today}. Answer directly. Lead with the answer`);
    // Rendered as markdown once the renderer has loaded (plain text until then).
    await composed.locator('p').first().waitFor();
    await screenshot(page, 'settings-prompt-preview');

    // Edit → Save (Ctrl+S) → version 2.
    await details(page).getByRole('tab', { name: 'Edit' }).click();
    const content = details(page).getByLabel('Content');
    await content.fill('Answer for {weekday}. Keep it short.\n\n{concise_answer}');
    await details(page).getByText('Unsaved changes').waitFor();
    await screenshot(page, 'settings-prompt-editor');
    await details(page).getByRole('tab', { name: 'Preview' }).click();
    await details(page).getByText('Preview shows the saved version — save to update.').waitFor();
    await details(page).getByRole('tab', { name: 'Edit' }).click();
    await content.press('Control+s');
    await page.getByText('Saved “my_style” as version 2.').waitFor();
    await details(page)
      .getByText(/^Version 2 ·/)
      .waitFor();
    expect(await details(page).getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    // Versions: version 1 is listed with its text; restore it → version 3 with the old text.
    await details(page)
      .getByRole('tab', { name: /^Versions/ })
      .click();
    const versions = details(page).getByRole('list', { name: 'Versions' });
    await versions.getByRole('button', { name: /Version 1/ }).waitFor();
    await versions.getByRole('button', { name: /Version 2\s*Current/ }).waitFor();
    const v1 = details(page).getByRole('region', { name: 'Version 1' });
    await v1.getByText('Answer for {date}. {concise_answer}').waitFor();
    await screenshot(page, 'settings-prompt-versions');
    await v1.getByRole('button', { name: 'Restore this version' }).click();
    const restore = page.getByRole('alertdialog', { name: 'Restore version 1?' });
    await restore.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored version 1 as version 3.').waitFor();
    await details(page)
      .getByText(/^Version 3 ·/)
      .waitFor();
    await details(page).getByRole('tab', { name: 'Edit' }).click();
    expect(await details(page).getByLabel('Content').inputValue()).toBe(
      'Answer for {date}. {concise_answer}',
    );

    // Unsaved edits: switching prompt asks first.
    await details(page).getByLabel('Content').fill('Draft that is not saved');
    await promptLink(page, 'code_reviewer').click();
    const leave = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await leave.waitFor({ state: 'detached' });
    expect(page.url()).toContain('prompt=my_style');
    await details(page).getByRole('button', { name: 'Discard' }).click();

    // Filter by tag chip and by search.
    const list = page.getByRole('complementary', { name: 'Prompts' });
    // Rare tags sit behind "+N more".
    await list.getByRole('button', { name: /^\+\d+ more$/ }).click();
    await list.getByRole('button', { name: /^writing, 1 prompt/ }).click();
    await list.getByText(/^1 of \d+ prompts$/).waitFor();
    expect(await list.getByRole('link').count()).toBe(1);
    await list.getByRole('button', { name: /^writing, 1 prompt/ }).click();
    await list.getByLabel('Search prompts').fill('review code');
    await promptLink(page, 'code_reviewer').waitFor();
    expect(await list.getByRole('link').count()).toBe(1);
    await list.getByLabel('Search prompts').fill('');

    // Delete (confirmed).
    await details(page).getByRole('button', { name: 'Delete prompt' }).click();
    const confirmDelete = page.getByRole('alertdialog', { name: 'Delete “my_style”?' });
    await confirmDelete.getByRole('button', { name: 'Delete prompt' }).click();
    await page.getByText('Deleted “my_style”.').waitFor();
    await page.waitForURL((url) => url.pathname === '/prompts' && url.search === '');
    await promptLink(page, 'my_style').waitFor({ state: 'detached' });

    // Dark theme.
    await promptLink(page, 'daily_study_plan').click();
    await details(page).getByRole('heading', { name: 'daily_study_plan' }).waitFor();
    await setTheme(page, 'Dark');
    await screenshot(page, 'settings-prompts-desktop-dark');
    await details(page).getByRole('tab', { name: 'Preview' }).click();
    await details(page)
      .getByRole('region', { name: 'Composed prompt' })
      .locator('p')
      .first()
      .waitFor();
    await screenshot(page, 'settings-prompt-preview-dark');
    await setTheme(page, 'Light');

    // Phone: one pane at a time, with a way back.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/prompts');
    await promptLink(page, 'concise_answer').waitFor();
    expect(await details(page).isVisible()).toBe(false);
    await screenshot(page, 'settings-prompts-mobile-list');
    await promptLink(page, 'interview_coach').click();
    await details(page).getByRole('heading', { name: 'interview_coach' }).waitFor();
    expect(await page.getByRole('complementary', { name: 'Prompts' }).isVisible()).toBe(false);
    await screenshot(page, 'settings-prompts-mobile-detail');
    await details(page).getByRole('button', { name: 'All prompts' }).click();
    await promptLink(page, 'interview_coach').waitFor();

    // A second, non-admin account (admin API from the page, same origin).
    const status = await page.evaluate(async (user) => {
      const response = await fetch('/trpc/admin.users.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: user }),
      });
      return response.status;
    }, USER);
    expect(status).toBe(200);

    problems.assertNone();
    await context.close();
  });

  it('shows global prompts read-only to a normal user', async () => {
    const { server, browser } = setup();
    const opened = await openPage(browser, { baseURL: server.url });
    const { page, problems } = opened;
    await signIn(opened, USER.email, USER.password);

    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'Prompt library' }).click();
    await promptLink(page, 'code_reviewer').click();
    await details(page).getByText('Global prompt — managed by administrators.').waitFor();
    await details(page).getByRole('tab', { name: 'Content' }).waitFor();
    expect(await details(page).getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await details(page).getByRole('button', { name: 'Delete prompt' }).count()).toBe(0);
    expect(await details(page).getByRole('textbox').count()).toBe(0);
    await screenshot(page, 'settings-prompt-readonly');

    // Versions can be read but not restored.
    await details(page)
      .getByRole('tab', { name: /^Versions/ })
      .click();
    await details(page).getByRole('list', { name: 'Versions' }).waitFor();
    expect(await details(page).getByRole('button', { name: 'Restore this version' }).count()).toBe(
      0,
    );

    // "Make a personal copy" opens the create dialog prefilled, without a scope selector.
    await details(page).getByRole('button', { name: 'Make a personal copy' }).click();
    const create = page.getByRole('dialog', { name: 'New prompt' });
    await create.waitFor();
    expect(await create.getByLabel('Name', { exact: true }).inputValue()).toBe('my_code_reviewer');
    expect(await create.getByRole('combobox', { name: 'Visible to' }).count()).toBe(0);
    await create.getByRole('button', { name: 'Create prompt' }).click();
    await create.waitFor({ state: 'detached' });
    await details(page).getByRole('heading', { name: 'my_code_reviewer' }).waitFor();
    await details(page).getByRole('button', { name: 'Delete prompt' }).waitFor();

    problems.assertNone();
    await opened.context.close();
  });
});
