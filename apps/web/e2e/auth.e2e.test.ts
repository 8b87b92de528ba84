import { describe, expect, it } from 'vitest';
import { type OpenedPage, openPage, screenshot, serverAndBrowserPerFile } from './harness';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};

const setup = serverAndBrowserPerFile();

async function openAccountMenu({ page }: OpenedPage) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menu').waitFor();
}

async function signIn({ page }: OpenedPage, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('tab', { name: 'Assistant' }).waitFor();
}

async function isDark({ page }: OpenedPage) {
  return page.evaluate(() => document.documentElement.classList.contains('dark'));
}

describe('auth shell', () => {
  it('sets up the first admin, signs out and in, manages tokens and users', async () => {
    const { server, browser } = setup();
    const opened = await openPage(browser, { baseURL: server.url });
    const { page, context, problems } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

    // Fresh server: the app sends us to first-run setup.
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Set up Margin' }).waitFor();
    await screenshot(page, 'setup-desktop-light');

    // Client-side validation from the shared schema, shown inline.
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('Enter a valid email address').waitFor();
    await page.getByText('Password must be at least 8 characters').waitFor();

    await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();

    // In the app: domain tabs, user menu, welcome, LLM notice (no provider configured).
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('tab', { name: 'Assistant' }).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).waitFor();
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await page.getByText('No model provider configured').waitFor();
    expect(await isDark(opened)).toBe(false);
    await screenshot(page, 'app-desktop-light');

    // Domain tabs are a real tablist: arrow keys move and activate.
    await page.getByRole('tab', { name: 'Assistant' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected'))
      .toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Assistant' }).getAttribute('aria-selected'))
      .toBe('true');

    // Dark theme, persisted across a reload (applied before the app renders).
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    expect(await isDark(opened)).toBe(true);
    await page.reload();
    expect(await isDark(opened)).toBe(true);
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await screenshot(page, 'app-desktop-dark');

    // Desktop sidebar collapses and stays collapsed after a reload.
    await page.getByRole('button', { name: 'Close sidebar' }).click();
    expect(await page.getByRole('complementary', { name: 'Sidebar' }).isVisible()).toBe(false);
    await page.reload();
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    expect(await page.getByRole('complementary', { name: 'Sidebar' }).isVisible()).toBe(false);
    await screenshot(page, 'app-desktop-dark-sidebar-collapsed');
    await page.getByRole('button', { name: 'Open sidebar' }).click();
    await page.getByRole('complementary', { name: 'Sidebar' }).waitFor();

    await openAccountMenu(opened);
    await screenshot(page, 'account-menu-dark');
    await page.getByRole('menuitem', { name: 'Log out', exact: true }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in to Margin' }).waitFor();

    // Signed out for real: the app itself redirects to /login.
    await page.goto('/');
    await page.waitForURL('**/login');

    // Back to light for the login screenshots.
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();

    // Wrong password: a visible error, no navigation.
    problems.allow(/status of 401/);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    expect(await page.getByRole('checkbox', { name: 'Keep me signed in' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /incorrect email or password/i });
    await alert.waitFor();
    expect(await alert.isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-error-light');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('tab', { name: 'Assistant' }).waitFor();

    // API token: create, shown once with a copy button, then listed by name only.
    await openAccountMenu(opened);
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    const tokensDialog = page.getByRole('dialog', { name: 'API tokens' });
    await tokensDialog.waitFor();
    await tokensDialog.getByText('No API tokens yet').waitFor();
    await tokensDialog.getByLabel('Token name').fill('CI script');
    await tokensDialog.getByRole('button', { name: 'Create' }).click();
    const tokenInput = tokensDialog.getByLabel('Your new token');
    await tokenInput.waitFor();
    const token = await tokenInput.inputValue();
    expect(token).toMatch(/^mgn_/);
    await tokensDialog.getByText('it will not be shown again').waitFor();
    await tokensDialog.getByRole('button', { name: 'Copy' }).click();
    await tokensDialog.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'api-token-created');
    await tokensDialog.getByRole('button', { name: 'I’ve copied it' }).click();
    await tokensDialog.getByText('CI script').waitFor();
    expect(await tokensDialog.getByText(token).count()).toBe(0);
    await screenshot(page, 'api-tokens-list');
    await page.keyboard.press('Escape');
    await tokensDialog.waitFor({ state: 'detached' });

    // Admin: users page (lazy route), create a second user.
    await openAccountMenu(opened);
    await page.getByRole('menuitem', { name: 'Admin · Users' }).click();
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create user' }).click();
    const createDialog = page.getByRole('dialog', { name: 'Create user' });
    await createDialog.getByLabel('Email', { exact: true }).fill('grace@example.com');
    await createDialog.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await createDialog.getByLabel('Password', { exact: true }).fill('cobol-forever-1959');
    await createDialog.getByRole('button', { name: 'Create user' }).click();
    await createDialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Grace Hopper grace@example.com' }).waitFor();
    await page.getByText('2 accounts.').waitFor();
    await screenshot(page, 'admin-users-desktop-light');

    // Disable the new user (confirm dialog), and the self row cannot be disabled.
    await page.getByRole('button', { name: 'Actions for grace@example.com' }).click();
    await page.getByRole('menuitem', { name: 'Disable account' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable account' }).click();
    await page
      .getByRole('row', { name: /grace@example\.com/ })
      .getByText('Disabled')
      .waitFor();
    await page.getByRole('button', { name: `Actions for ${ADMIN.email}` }).click();
    expect(
      await page.getByRole('menuitem', { name: 'You can’t disable yourself' }).isDisabled(),
    ).toBe(true);
    await page.keyboard.press('Escape');

    // Dark admin page.
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await screenshot(page, 'admin-users-desktop-dark');

    // Phone: sidebar is a drawer, closed by default, opened with the toggle.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Sidebar' }).count()).toBe(0);
    await screenshot(page, 'mobile-home-dark');
    await page.getByRole('button', { name: 'Open sidebar' }).click();
    const drawer = page.getByRole('dialog', { name: 'Sidebar' });
    await drawer.waitFor();
    await drawer.getByText('No conversations yet').waitFor();
    await screenshot(page, 'mobile-sidebar-open-dark');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    await openAccountMenu(opened);
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByRole('dialog', { name: 'API tokens' }).getByText('CI script').waitFor();
    await screenshot(page, 'mobile-api-tokens-dark');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await page.getByRole('button', { name: 'Open sidebar' }).click();
    await drawer.waitFor();
    await screenshot(page, 'mobile-sidebar-open-light');
    await page.keyboard.press('Escape');

    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByRole('list', { name: 'Users' }).getByText('grace@example.com').waitFor();
    await screenshot(page, 'mobile-admin-users-light');

    await page.goto('/no-such-page');
    await page.getByText('Page not found').waitFor();

    problems.assertNone();
    await context.close();
  });

  it('changes password, enforces roles and sessions, logs out everywhere', async () => {
    const { server, browser } = setup();
    const admin = await openPage(browser, { baseURL: server.url });
    const grace = await openPage(browser, { baseURL: server.url });
    admin.problems.allow(/status of 400/);
    grace.problems.allow(/status of 403/);
    grace.problems.allow(/status of 401/);

    await signIn(admin, ADMIN.email, ADMIN.password);

    // Change password: a wrong current password is reported inline, then it succeeds.
    const newPassword = 'difference-engine-1822';
    await openAccountMenu(admin);
    await admin.page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password', { exact: true }).fill('not-my-password');
    await dialog.getByLabel('New password', { exact: true }).fill(newPassword);
    await dialog.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'current password is not correct' })
      .waitFor();
    await screenshot(admin.page, 'change-password-error-light');
    await dialog.getByLabel('Current password', { exact: true }).fill(ADMIN.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.page.getByText('Password changed').waitFor();
    ADMIN.password = newPassword;

    // A disabled account gets a clear message.
    await grace.page.goto('/login');
    await grace.page.getByLabel('Email', { exact: true }).fill('grace@example.com');
    await grace.page.getByLabel('Password', { exact: true }).fill('cobol-forever-1959');
    await grace.page.getByRole('button', { name: 'Sign in' }).click();
    await grace.page.getByRole('alert').filter({ hasText: 'This account is disabled' }).waitFor();

    // Admin enables her again.
    await admin.page.goto('/admin/users');
    await admin.page.getByRole('button', { name: 'Actions for grace@example.com' }).click();
    await admin.page.getByRole('menuitem', { name: 'Enable account' }).click();
    await admin.page
      .getByRole('row', { name: /grace@example\.com/ })
      .getByText('Active')
      .waitFor();

    // A normal user has no admin entry and sees a "not allowed" state on the admin page.
    await grace.page.getByRole('button', { name: 'Sign in' }).click();
    await grace.page.waitForURL((url) => url.pathname === '/');
    await openAccountMenu(grace);
    expect(await grace.page.getByRole('menuitem', { name: 'Admin · Users' }).count()).toBe(0);
    await grace.page.keyboard.press('Escape');
    await grace.page.goto('/admin/users');
    await grace.page.getByText('You don’t have access to this page').waitFor();
    await screenshot(grace.page, 'admin-not-allowed-light');

    // Her session disappears (cookie gone): the next page load sends her to /login.
    await grace.page.goto('/');
    await grace.page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
    await grace.context.clearCookies();
    await grace.page.reload();
    await grace.page.waitForURL('**/login');

    // Log out everywhere (confirmed) ends the admin's session too.
    await openAccountMenu(admin);
    await admin.page.getByRole('menuitem', { name: 'Log out everywhere' }).click();
    const confirm = admin.page.getByRole('alertdialog', { name: 'Log out everywhere?' });
    await screenshot(admin.page, 'logout-everywhere-confirm-light');
    await confirm.getByRole('button', { name: 'Log out everywhere' }).click();
    await admin.page.waitForURL('**/login');
    await admin.page.goto('/admin/users');
    await admin.page.waitForURL('**/login');

    admin.problems.assertNone();
    grace.problems.assertNone();
    await admin.context.close();
    await grace.context.close();
  });

  it('shows the public shared page without signing in', async () => {
    const { server, browser } = setup();
    const opened = await openPage(browser, { baseURL: server.url });
    // An unknown token answers NOT_FOUND, which the browser logs; the page explains it.
    opened.problems.allow(/status of 404/);
    await opened.page.goto('/shared/some-token');
    await opened.page.getByText('This link is no longer shared').waitFor();
    expect(opened.page.url()).toMatch(/\/shared\/some-token$/);
    opened.problems.assertNone();
    await opened.context.close();
  });
});
