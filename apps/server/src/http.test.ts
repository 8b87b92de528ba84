import type { AppRouter } from '@margin/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** A tiny cookie jar, standing in for the browser. */
function browserClient({ origin }: { origin?: string } = {}) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const fetchWithCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    headers.set('origin', origin ?? server.url);
    const res = await fetch(input, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      setCookies.push(c);
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/Max-Age=0/i.test(c)) jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return res;
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'mutation',
        true: httpLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          fetch: fetchWithCookies,
        }),
        false: httpBatchLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          fetch: fetchWithCookies,
        }),
      }),
    ],
  });
  return { client, jar, setCookies };
}

function tokenClient(token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server.url}/trpc`,
        transformer: superjson,
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code?: string } | undefined)?.code;
    throw err;
  }
}

const admin = { email: 'admin@example.com', password: 'admin password 1', name: 'Admin' };

describe('HTTP server', () => {
  let browser: ReturnType<typeof browserClient>;

  it('sets up the first admin over HTTP with a sealed HttpOnly cookie', async () => {
    browser = browserClient();
    expect(await browser.client.auth.status.query()).toEqual({ setupRequired: true, user: null });
    const user = await browser.client.auth.setup.mutate(admin);
    expect(user.createdAt).toBeInstanceOf(Date); // superjson over the wire
    const cookie = browser.setCookies.at(-1) ?? '';
    expect(cookie).toMatch(/^margin_session=Fe26\.2\*/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on loopback
    expect((await browser.client.auth.me.query()).email).toBe(admin.email);
  });

  it('a non-remembered login gets a browser-session cookie (no Max-Age)', async () => {
    const other = browserClient();
    await other.client.auth.login.mutate({ email: admin.email, password: admin.password });
    expect(other.setCookies.at(-1)).not.toMatch(/Max-Age/);
    await other.client.auth.logout.mutate();
    expect(other.setCookies.at(-1)).toMatch(/Max-Age=0/);
    expect(await codeOf(other.client.auth.me.query())).toBe('UNAUTHORIZED');
  });

  it('authenticates a script with a bearer token and no Origin', async () => {
    const { token } = await browser.client.auth.tokens.create.mutate({ name: 'script' });
    const script = tokenClient(token);
    expect((await script.auth.me.query()).email).toBe(admin.email);
    // Mutations work without Origin for bearer clients.
    const second = await script.auth.tokens.create.mutate({ name: 'made by script' });
    expect(second.token).toMatch(/^mgn_/);
    expect(await codeOf(tokenClient('mgn_nope').auth.me.query())).toBe('UNAUTHORIZED');
  });

  it('refuses cookie mutations from another origin (CSRF) and leaves the session alone', async () => {
    const evil = browserClient({ origin: 'https://evil.example' });
    for (const [k, v] of browser.jar) evil.jar.set(k, v);
    expect(await codeOf(evil.client.auth.logoutEverywhere.mutate())).toBe('FORBIDDEN');
    expect((await browser.client.auth.me.query()).email).toBe(admin.email);
  });

  it('refuses a cookie mutation with no Origin header at all', async () => {
    const cookie = [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${server.url}/trpc/auth.logoutEverywhere`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect((await browser.client.auth.me.query()).email).toBe(admin.email);
  });

  it('a tampered cookie is ignored', async () => {
    const forged = browserClient();
    forged.jar.set('margin_session', 'Fe26.2*1*forged');
    expect(await codeOf(forged.client.auth.me.query())).toBe('UNAUTHORIZED');
  });

  it('returns zod issues in error.data and no stack traces', async () => {
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ json: { email: 'nope', password: '' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { json: { message: string; data: Record<string, unknown> } };
    };
    const { data } = body.error.json;
    expect(data.code).toBe('BAD_REQUEST');
    expect(data).not.toHaveProperty('stack');
    expect(JSON.stringify(data.zodError)).toMatch(/valid email/);
  });

  it('sends security headers on every response', async () => {
    for (const path of ['/', '/healthz', '/trpc/system.health']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('serves /healthz, static assets and the SPA fallback', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, version: '0.1.0', db: 'ok' });
    const spa = await fetch(`${server.url}/c/some-conversation`);
    expect(spa.status).toBe(200);
    expect(spa.headers.get('content-type')).toMatch(/text\/html/);
    expect(await spa.text()).toContain('Margin test');
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: 'DELETE' })).status).toBe(405);
  });

  it('never serves files outside the web build', async () => {
    const { request } = await import('node:http');
    const rawGet = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { method: 'GET' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of [
      '/../margin.db',
      '/..%2fmargin.db',
      '/%2e%2e/session-secret',
      '/assets/..%2F..%2Fsession-secret',
      '/..\\margin.db',
    ]) {
      const res = await rawGet(path);
      expect(res.body).not.toMatch(/SQLite format/);
      expect(res.body.length).toBeLessThan(200);
      expect([200, 400, 404]).toContain(res.status);
    }
  });

  it('persists a generated session secret in DATA_DIR with mode 0600', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const path = `${server.dataDir}/session-secret`;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
  });
});
