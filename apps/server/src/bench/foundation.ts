/** Request-path overhead of the foundation: session resolution, tRPC over HTTP, password hashing. */
import { defaultAuthConfig } from '@margin/api';
import { startTestServer } from '../testing.js';
import { ms, timeRuns, type ReportRow } from './stats.js';

export async function benchFoundation(): Promise<ReportRow[]> {
  // Benchmarks measure speed, not the per-user request budget.
  const server = await startTestServer({}, (env) => {
    env.config.auth.requestsPerMinute = 1e9;
  });
  try {
    const origin = server.url;
    const setup = await fetch(`${origin}/trpc/auth.setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ json: { email: 'bench@example.com', password: 'bench password 1' } }),
    });
    const cookie = setup.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const me = await timeRuns(async () => {
      const res = await fetch(`${origin}/trpc/auth.me`, { headers: { cookie } });
      await res.arrayBuffer();
    }, 500);
    const health = await timeRuns(async () => {
      const res = await fetch(`${origin}/healthz`);
      await res.arrayBuffer();
    }, 500);

    // Production scrypt cost, as a real login pays it.
    server.services.config.auth.scrypt = defaultAuthConfig.scrypt;
    await fetch(`${origin}/trpc/admin.users.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({ json: { email: 'login@example.com', password: 'login password 1' } }),
    });
    const login = await timeRuns(
      async () => {
        const res = await fetch(`${origin}/trpc/auth.login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({
            json: { email: 'login@example.com', password: 'login password 1' },
          }),
        });
        await res.arrayBuffer();
      },
      8,
      1,
    );
    return [
      {
        what: '`auth.me` over HTTP with a session cookie (500 sequential)',
        measured: `p50 ${ms(me.p50)}, p95 ${ms(me.p95)}`,
        budget: '—',
        pass: undefined,
      },
      {
        what: '`GET /healthz` (500 sequential)',
        measured: `p50 ${ms(health.p50)}, p95 ${ms(health.p95)}`,
        budget: '—',
        pass: undefined,
      },
      {
        what: '`auth.login` with production scrypt (N=2^15, r=8, p=3)',
        measured: `p50 ${ms(login.p50)}`,
        budget: '—',
        pass: undefined,
      },
    ];
  } finally {
    await server.stop();
  }
}
