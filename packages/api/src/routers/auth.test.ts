import { apiTokens, sessions, users } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, testConfig, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

const admin = { email: 'Ada@Example.com', password: 'correct horse battery', name: 'Ada' };
const countRows = (table: typeof users | typeof sessions | typeof apiTokens) =>
  h.services.db.select().from(table).all().length;

async function setupAdmin() {
  const client = h.client();
  const user = await client.api.auth.setup(admin);
  return { client, user };
}

describe('auth.setup', () => {
  it('creates the first admin, normalises the email and signs in', async () => {
    const anon = h.client();
    expect(await anon.api.auth.status()).toEqual({ setupRequired: true, user: null });
    const { client, user } = await setupAdmin();
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', role: 'admin' });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(client.sessionToken).toBeTypeOf('string');
    expect(await client.api.auth.me()).toEqual(user);
    expect(await client.api.auth.status()).toEqual({ setupRequired: false, user });
    const row = h.services.db.select().from(users).get();
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    expect(row?.passwordHash).not.toContain(admin.password);
  });

  it('works only once', async () => {
    await setupAdmin();
    await expectTrpcCode(
      h.client().api.auth.setup({ ...admin, email: 'eve@example.com' }),
      'CONFLICT',
    );
    expect(countRows(users)).toBe(1);
  });

  it('two racing setups create exactly one admin', async () => {
    const results = await Promise.allSettled([
      h.client().api.auth.setup(admin),
      h.client().api.auth.setup({ ...admin, email: 'other@example.com' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(countRows(users)).toBe(1);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough pw' }],
    [{ email: 'a@example.com', password: 'short' }],
    [{ email: 'a@example.com', password: 'x'.repeat(300) }],
    [{ email: `${'a'.repeat(300)}@example.com`, password: 'long enough pw' }],
    [{ email: 'a@example.com', password: 'long enough pw', name: '   ' }],
    [{ email: 42, password: 'long enough pw' }],
  ])('rejects bad input %j without writing', async (input) => {
    // @ts-expect-error deliberately wrong input types
    const err = await expectTrpcCode(h.client().api.auth.setup(input), 'BAD_REQUEST');
    expect(err.message.length).toBeGreaterThan(0);
    expect(countRows(users)).toBe(0);
  });
});

describe('auth.login', () => {
  it('signs in with the right password, case-insensitive email', async () => {
    await setupAdmin();
    const browser = h.client();
    const user = await browser.api.auth.login({
      email: 'ADA@example.com',
      password: admin.password,
    });
    expect(user.email).toBe('ada@example.com');
    expect((await browser.api.auth.me()).id).toBe(user.id);
    expect(browser.cookieMaxAgeMs).toBeUndefined(); // not remembered: a browser-session cookie
    const row = h.services.db.select().from(users).get();
    expect(row?.lastLoginAt).toBeInstanceOf(Date);
  });

  it('remember-me gives a long-lived cookie and session record', async () => {
    await setupAdmin();
    const browser = h.client();
    await browser.api.auth.login({ email: admin.email, password: admin.password, remember: true });
    expect(browser.cookieMaxAgeMs).toBe(h.services.config.auth.rememberTtlMs);
    const remembered = h.services.db
      .select()
      .from(sessions)
      .all()
      .find((s) => s.remember);
    expect(remembered).toBeDefined();
    expect((remembered?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it('refuses a wrong password and an unknown email with the same error', async () => {
    await setupAdmin();
    const wrong = await expectTrpcCode(
      h.client().api.auth.login({ email: admin.email, password: 'wrong password' }),
      'UNAUTHORIZED',
    );
    const unknown = await expectTrpcCode(
      h.client().api.auth.login({ email: 'nobody@example.com', password: 'wrong password' }),
      'UNAUTHORIZED',
    );
    expect(wrong.message).toBe(unknown.message);
    expect(countRows(sessions)).toBe(1); // only the setup session
  });

  it('refuses a disabled user even with the right password', async () => {
    const { client } = await setupAdmin();
    const bob = await client.api.admin.users.create({
      email: 'bob@example.com',
      password: 'bob password 1',
    });
    await client.api.admin.users.update({ id: bob.id, disabled: true });
    const err = await expectTrpcCode(
      h.client().api.auth.login({ email: 'bob@example.com', password: 'bob password 1' }),
      'FORBIDDEN',
    );
    expect(err.message).toMatch(/disabled/);
  });

  it('allows 10 failures a minute, then refuses the email with TOO_MANY_REQUESTS', async () => {
    await setupAdmin();
    for (let i = 0; i < 10; i++) {
      await expectTrpcCode(
        h
          .client({ ip: `10.0.0.${i}` })
          .api.auth.login({ email: admin.email, password: `wrong ${i}` }),
        'UNAUTHORIZED',
      );
    }
    const err = await expectTrpcCode(
      h.client({ ip: '10.0.1.1' }).api.auth.login({ email: admin.email, password: admin.password }),
      'TOO_MANY_REQUESTS',
    );
    expect(err.message).toMatch(/Try again in \d+ seconds?/);
    // Another account is not affected.
    await expectTrpcCode(
      h.client({ ip: '10.0.1.1' }).api.auth.login({ email: 'x@example.com', password: 'whatever' }),
      'UNAUTHORIZED',
    );
  });

  it('limits attempts per IP whatever the email', async () => {
    await h.close();
    h = createTestHarness({ auth: { ...testConfig().auth, loginAttemptsPerIpPerMinute: 3 } });
    const ip = '192.0.2.9';
    for (let i = 0; i < 3; i++) {
      await expectTrpcCode(
        h.client({ ip }).api.auth.login({ email: `u${i}@example.com`, password: 'nope nope' }),
        'UNAUTHORIZED',
      );
    }
    await expectTrpcCode(
      h.client({ ip }).api.auth.login({ email: 'u9@example.com', password: 'nope nope' }),
      'TOO_MANY_REQUESTS',
    );
  });
});

describe('sessions', () => {
  it('logout revokes the session record, remember-me included', async () => {
    await setupAdmin();
    const browser = h.client();
    await browser.api.auth.login({ email: admin.email, password: admin.password, remember: true });
    const token = browser.sessionToken;
    expect(await browser.api.auth.logout()).toEqual({ ok: true });
    expect(browser.sessionToken).toBeUndefined();
    // Replaying the old cookie (what the original's remember token allowed) no longer works.
    const replay = h.client({ sessionToken: token });
    await expectTrpcCode(replay.api.auth.me(), 'UNAUTHORIZED');
    expect((await replay.api.auth.status()).user).toBeNull();
  });

  it('logoutEverywhere revokes every session of the user and no one else', async () => {
    const { client: first } = await setupAdmin();
    const second = h.client();
    await second.api.auth.login({ email: admin.email, password: admin.password, remember: true });
    await first.api.admin.users.create({ email: 'bob@example.com', password: 'bob password 1' });
    const bob = h.client();
    await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });

    expect(await second.api.auth.logoutEverywhere()).toEqual({ revoked: 2 });
    await expectTrpcCode(first.api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(second.api.auth.me(), 'UNAUTHORIZED');
    expect((await bob.api.auth.me()).email).toBe('bob@example.com');
  });

  it('expired sessions are not accepted', async () => {
    const { client } = await setupAdmin();
    h.services.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .run();
    await expectTrpcCode(client.api.auth.me(), 'UNAUTHORIZED');
  });

  it('protected procedures refuse anonymous callers', async () => {
    await expectTrpcCode(h.client().api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(h.client().api.auth.logout(), 'UNAUTHORIZED');
    await expectTrpcCode(h.client().api.auth.tokens.list(), 'UNAUTHORIZED');
  });

  it('refuses cross-origin cookie mutations (CSRF) but not bearer-token ones', async () => {
    const { client } = await setupAdmin();
    const { token } = await client.api.auth.tokens.create({ name: 'cli' });
    const crossSite = h.client({ sessionToken: client.sessionToken, sameOrigin: false });
    const err = await expectTrpcCode(crossSite.api.auth.logoutEverywhere(), 'FORBIDDEN');
    expect(err.message).toMatch(/Cross-site/);
    expect(countRows(sessions)).toBe(1);
    // Queries are not state-changing and stay readable.
    expect((await crossSite.api.auth.me()).role).toBe('admin');
    const script = h.client({ bearerToken: token, sameOrigin: false });
    expect((await script.api.auth.tokens.create({ name: 'from script' })).token).toMatch(/^mgn_/);
  });
});

describe('auth.changePassword', () => {
  it('needs the current password, signs out other sessions, keeps this one', async () => {
    const { client } = await setupAdmin();
    const other = h.client();
    await other.api.auth.login({ email: admin.email, password: admin.password });
    await expectTrpcCode(
      client.api.auth.changePassword({
        currentPassword: 'not it',
        newPassword: 'new password 123',
      }),
      'BAD_REQUEST',
    );
    await client.api.auth.changePassword({
      currentPassword: admin.password,
      newPassword: 'new password 123',
    });
    expect((await client.api.auth.me()).role).toBe('admin');
    await expectTrpcCode(other.api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(
      h.client().api.auth.login({ email: admin.email, password: admin.password }),
      'UNAUTHORIZED',
    );
    await h.client().api.auth.login({ email: admin.email, password: 'new password 123' });
  });

  it('rejects a too-short new password without changing anything', async () => {
    const { client } = await setupAdmin();
    const before = h.services.db.select().from(users).get()?.passwordHash;
    await expectTrpcCode(
      client.api.auth.changePassword({ currentPassword: admin.password, newPassword: 'short' }),
      'BAD_REQUEST',
    );
    expect(h.services.db.select().from(users).get()?.passwordHash).toBe(before);
  });
});

describe('auth.tokens', () => {
  it('creates a token shown once, authenticates with it, lists without the secret, revokes', async () => {
    const { client } = await setupAdmin();
    const created = await client.api.auth.tokens.create({
      name: 'laptop script',
      expiresInDays: 30,
    });
    expect(created.token).toMatch(/^mgn_[A-Za-z0-9_-]{40,}$/);
    const stored = h.services.db.select().from(apiTokens).get();
    expect(stored?.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const script = h.client({ bearerToken: created.token });
    expect((await script.api.auth.me()).email).toBe('ada@example.com');

    const list = await client.api.auth.tokens.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, name: 'laptop script' });
    expect(list[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(list[0]?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(JSON.stringify(list)).not.toContain(created.token);

    expect(await client.api.auth.tokens.revoke({ id: created.id })).toEqual({ ok: true });
    await expectTrpcCode(script.api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(client.api.auth.tokens.revoke({ id: created.id }), 'NOT_FOUND');
  });

  it("another user's token id behaves like a missing one", async () => {
    const { client } = await setupAdmin();
    await client.api.admin.users.create({ email: 'bob@example.com', password: 'bob password 1' });
    const bob = h.client();
    await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });
    const { id } = await client.api.auth.tokens.create({ name: 'mine' });
    await expectTrpcCode(bob.api.auth.tokens.revoke({ id }), 'NOT_FOUND');
    expect(await bob.api.auth.tokens.list()).toEqual([]);
    expect(countRows(apiTokens)).toBe(1);
  });

  it('an expired token or a made-up token does not authenticate', async () => {
    const { client } = await setupAdmin();
    const { token } = await client.api.auth.tokens.create({ name: 'old' });
    h.services.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .run();
    await expectTrpcCode(h.client({ bearerToken: token }).api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(h.client({ bearerToken: 'mgn_madeup' }).api.auth.me(), 'UNAUTHORIZED');
  });

  it('a bearer token is the only credential looked at when present', async () => {
    const { client } = await setupAdmin();
    const both = h.client({ bearerToken: 'mgn_invalid', sessionToken: client.sessionToken });
    await expectTrpcCode(both.api.auth.me(), 'UNAUTHORIZED');
  });

  it.each([
    { name: '' },
    { name: 'x'.repeat(101) },
    { name: 'ok', expiresInDays: 0 },
    { name: 'ok', expiresInDays: 1.5 },
  ])('rejects bad token input %j', async (input) => {
    const { client } = await setupAdmin();
    await expectTrpcCode(client.api.auth.tokens.create(input), 'BAD_REQUEST');
    expect(countRows(apiTokens)).toBe(0);
  });
});
