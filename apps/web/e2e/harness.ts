/**
 * Browser-test harness: starts the real built server on a free port with a fresh data dir, drives
 * Debian's Chromium through playwright-core, saves screenshots, and fails on unexpected console
 * errors or failed requests. Files that chat add the fake provider with `./provider`.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshotDir = join(repoRoot, 'artifacts', 'screenshots');

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (stdout + stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** Starts `node apps/server/dist/main.js` and resolves once it logs `"msg":"listening"`. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'margin-e2e-'));
  const child = spawn(process.execPath, [join(repoRoot, 'apps/server/dist/main.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  let exited = false;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
  });

  const url = await new Promise<string>((resolveUrl, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error(`Server did not report "listening" within 30 s. Output:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      output += chunk;
    });
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const found = listeningUrl(line);
        if (found) {
          clearTimeout(timer);
          resolveUrl(found);
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Server exited before listening (code ${String(code)}, signal ${String(signal)}). Output:\n${output}`,
        ),
      );
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitPromise;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(line: string): string | undefined {
  if (!line.trim().startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Voice input: a fake microphone (a beep) that needs no permission prompt.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/** Collects console errors, page errors and failed requests of one browser context. */
export class PageProblems {
  readonly problems: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Declare an error the test provokes on purpose (e.g. the 401 of a wrong password). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  record(problem: string): void {
    if (!this.allowed.some((pattern) => pattern.test(problem))) this.problems.push(problem);
  }

  assertNone(): void {
    if (this.problems.length > 0) {
      throw new Error(`Unexpected browser errors:\n${this.problems.join('\n')}`);
    }
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...options,
  });
  const page = await context.newPage();
  const problems = new PageProblems();
  page.on('console', (message) => {
    if (message.type() === 'warning' && process.env.E2E_VERBOSE) {
      console.warn(`[browser warning] ${message.text()}`);
    }
    if (message.type() === 'error') {
      const location = message.location();
      problems.record(`console.error: ${message.text()} (${location.url})`);
    }
  });
  page.on('pageerror', (error) => {
    problems.record(`page error: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'unknown';
    // Requests cancelled by a navigation or an unmounting query are not failures.
    if (failure === 'net::ERR_ABORTED') return;
    problems.record(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  return { context, page, problems };
}

/** A phone for `openPage`: 390 × 844 px, a touch screen. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Let transitions settle so the picture shows the resting state.
  await page.waitForTimeout(250);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * One server and one browser for a test file: started before its tests, stopped after them.
 * `setup()` returns both inside a test (and fails clearly if the start failed). The environment
 * may be a function, read when the server starts (e.g. for the URL of a provider started first).
 */
export function serverAndBrowserPerFile(
  extraEnv: Record<string, string> | (() => Record<string, string>) = {},
): () => {
  server: RunningServer;
  browser: Browser;
} {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(typeof extraEnv === 'function' ? extraEnv() : extraEnv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return () => {
    if (!server || !browser) throw new Error('harness not started');
    return { server, browser };
  };
}

/** A tRPC mutation from inside the page, with its session cookie (for setting up state fast). */
export async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: input }),
      });
      return { ok: response.ok, body: (await response.json()) as unknown };
    },
    { path, input },
  );
  if (!result.ok) throw new Error(`${path} failed: ${JSON.stringify(result.body)}`);
  return (result.body as { result: { data: { json: T } } }).result.data.json;
}

/** First run: creates the admin account through the setup page and lands signed in. */
export async function setUpFirstAdmin(
  page: Page,
  admin: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await page.getByLabel('Name', { exact: true }).fill(admin.name);
  await page.getByLabel('Email', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** "New chat" in the sidebar; resolves with the new chat's path once the address shows it. */
export async function newChat(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  await page.waitForURL('**/c/**');
  return new URL(page.url()).pathname;
}

/** Signs in through the login form, then opens `then` (a path) when given. */
export async function signIn(
  page: Page,
  account: { email: string; password: string },
  then?: string,
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  if (then !== undefined) await page.goto(then);
}
