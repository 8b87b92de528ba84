/** Starts the real server on a random port with a throwaway DATA_DIR, for HTTP tests and benchmarks. */
import type { AppRouter } from '@margin/api';
import {
  type TRPCClient,
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import superjson from 'superjson';
import { startServer, type RunningServer } from './app.js';
import { loadEnv, type ServerEnv } from './env.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  webDist: string;
  stop: () => Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  configure: (serverEnv: ServerEnv) => void = () => undefined,
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'margin-server-'));
  const webDist = join(dataDir, 'web');
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><title>Margin test</title><div id="root"></div>',
  );
  writeFileSync(join(webDist, 'assets', 'app-abc123.js'), 'console.log("app")');
  const serverEnv = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    ...env,
  });
  // Cheap password hashing keeps the suite fast; the production cost has its own test.
  serverEnv.config.auth.scrypt = { N: 1024, r: 8, p: 1 };
  configure(serverEnv);
  const server = await startServer(serverEnv, pino({ level: 'silent' }));
  return {
    ...server,
    dataDir,
    webDist,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A `@trpc/client` for a script authenticated with a personal API token: SSE for subscriptions
 * (Node 20 has no global EventSource), httpLink for mutations, batching for queries.
 */
export function tokenClient(url: string, token: string): TRPCClient<AppRouter> {
  const authorization = `Bearer ${token}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init.headers, authorization } }),
          }),
        }),
        false: splitLink({
          condition: (op) => op.type === 'mutation',
          true: httpLink({
            url: `${url}/trpc`,
            transformer: superjson,
            headers: { authorization },
          }),
          false: httpBatchLink({
            url: `${url}/trpc`,
            transformer: superjson,
            headers: { authorization },
          }),
        }),
      }),
    ],
  });
}

export type TokenClient = TRPCClient<AppRouter>;

/**
 * Signs in over HTTP like a browser (first run: creates the admin) and returns a fresh personal
 * API token for scripts.
 */
export async function apiTokenFor(
  url: string,
  { email, password, setup }: { email: string; password: string; setup: boolean },
): Promise<string> {
  const signIn = await fetch(`${url}/trpc/${setup ? 'auth.setup' : 'auth.login'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ json: { email, password } }),
  });
  const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const res = await fetch(`${url}/trpc/auth.tokens.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: JSON.stringify({ json: { name: 'script' } }),
  });
  const body = (await res.json()) as { result: { data: { json: { token: string } } } };
  return body.result.data.json.token;
}
