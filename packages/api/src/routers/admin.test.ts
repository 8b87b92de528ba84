import { sessions, users } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../testing/harness.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';

let h: TestHarness;
beforeEach(() => {
  h = createTestHarness();
});
afterEach(() => h.close());

async function adminAndBob() {
  const admin = h.client();
  const me = await admin.api.auth.setup({ email: 'ada@example.com', password: 'admin password 1' });
  const bobView = await admin.api.admin.users.create({
    email: 'Bob@Example.com',
    password: 'bob password 1',
    name: 'Bob',
  });
  const bob = h.client();
  await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });
  return { admin, me, bob, bobView };
}

describe('admin.users', () => {
  it('lists and creates users', async () => {
    const { admin, bobView } = await adminAndBob();
    expect(bobView).toMatchObject({
      email: 'bob@example.com',
      name: 'Bob',
      role: 'user',
      disabled: false,
    });
    const list = await admin.api.admin.users.list();
    expect(list.map((u) => u.email)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(list[0]?.lastLoginAt).toBeNull(); // setup is not a login
    expect(list[1]?.lastLoginAt).toBeInstanceOf(Date);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash/);
  });

  it('refuses a duplicate email with CONFLICT', async () => {
    const { admin } = await adminAndBob();
    await expectTrpcCode(
      admin.api.admin.users.create({ email: 'BOB@example.com', password: 'another pw 1' }),
      'CONFLICT',
    );
    expect(h.services.db.select().from(users).all()).toHaveLength(2);
  });

  it('non-admins get FORBIDDEN on every admin procedure and nothing changes', async () => {
    const { bob, me } = await adminAndBob();
    await expectTrpcCode(bob.api.admin.users.list(), 'FORBIDDEN');
    await expectTrpcCode(
      bob.api.admin.users.create({ email: 'c@example.com', password: 'c password 1' }),
      'FORBIDDEN',
    );
    await expectTrpcCode(bob.api.admin.users.update({ id: me.id, disabled: true }), 'FORBIDDEN');
    await expectTrpcCode(
      bob.api.admin.users.resetPassword({ id: me.id, password: 'hijacked pw 1' }),
      'FORBIDDEN',
    );
    const rows = h.services.db.select().from(users).all();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === me.id)?.disabled).toBe(false);
    await expectTrpcCode(h.client().api.admin.users.list(), 'UNAUTHORIZED');
  });

  it('disabling a user signs them out everywhere; enabling lets them sign in again', async () => {
    const { admin, bob, bobView } = await adminAndBob();
    const updated = await admin.api.admin.users.update({ id: bobView.id, disabled: true });
    expect(updated.disabled).toBe(true);
    await expectTrpcCode(bob.api.auth.me(), 'UNAUTHORIZED');
    expect(
      h.services.db
        .select()
        .from(sessions)
        .all()
        .every((s) => s.userId !== bobView.id),
    ).toBe(true);
    await admin.api.admin.users.update({ id: bobView.id, disabled: false });
    await bob.api.auth.login({ email: 'bob@example.com', password: 'bob password 1' });
    expect((await bob.api.auth.me()).id).toBe(bobView.id);
  });

  it('an admin cannot disable themself or remove the last active admin', async () => {
    const { admin, me, bobView } = await adminAndBob();
    await expectTrpcCode(
      admin.api.admin.users.update({ id: me.id, disabled: true }),
      'BAD_REQUEST',
    );
    await expectTrpcCode(admin.api.admin.users.update({ id: me.id, role: 'user' }), 'BAD_REQUEST');
    await admin.api.admin.users.update({ id: bobView.id, role: 'admin' });
    const demoted = await admin.api.admin.users.update({ id: me.id, role: 'user', name: 'Ada L.' });
    expect(demoted).toMatchObject({ role: 'user', name: 'Ada L.' });
    await expectTrpcCode(admin.api.admin.users.list(), 'FORBIDDEN');
  });

  it('resetPassword changes the password and revokes the sessions', async () => {
    const { admin, bob, bobView } = await adminAndBob();
    expect(
      await admin.api.admin.users.resetPassword({ id: bobView.id, password: 'fresh password 2' }),
    ).toEqual({
      ok: true,
    });
    await expectTrpcCode(bob.api.auth.me(), 'UNAUTHORIZED');
    await expectTrpcCode(
      h.client().api.auth.login({ email: 'bob@example.com', password: 'bob password 1' }),
      'UNAUTHORIZED',
    );
    await h.client().api.auth.login({ email: 'bob@example.com', password: 'fresh password 2' });
  });

  it('unknown ids give NOT_FOUND and bad inputs BAD_REQUEST, without writes', async () => {
    const { admin } = await adminAndBob();
    await expectTrpcCode(admin.api.admin.users.update({ id: 'missing', name: 'x' }), 'NOT_FOUND');
    await expectTrpcCode(
      admin.api.admin.users.resetPassword({ id: 'missing', password: 'long enough 1' }),
      'NOT_FOUND',
    );
    await expectTrpcCode(admin.api.admin.users.update({ id: '', name: 'x' }), 'BAD_REQUEST');
    await expectTrpcCode(
      admin.api.admin.users.create({
        email: 'z@example.com',
        password: 'long enough 1',
        // @ts-expect-error role outside the enum
        role: 'root',
      }),
      'BAD_REQUEST',
    );
    expect(h.services.db.select().from(users).all()).toHaveLength(2);
  });
});
