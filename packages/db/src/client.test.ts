import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDb, integrityCheck, openDb, type DbHandle } from './client.js';
import { insertSession } from './queries/sessions.js';
import { countUsers, findUserByEmail, insertUser } from './queries/users.js';
import { sessions } from './schema/auth.js';
import { createTestDb } from './testing.js';

const dirs: string[] = [];
const handles: DbHandle[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'margin-db-'));
  dirs.push(dir);
  return dir;
}
function track(handle: DbHandle): DbHandle {
  handles.push(handle);
  return handle;
}

afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const userValues = (email: string) => ({ email, name: email, passwordHash: 'x' });

describe('openDb', () => {
  it('applies the pragmas of ARCHITECTURE § 3 to a file database', () => {
    const h = track(openDb(join(tempDir(), 'nested', 'app.db')));
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(h.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(h.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('migrates once and keeps data when reopened', () => {
    const path = join(tempDir(), 'app.db');
    const first = openDb(path);
    insertUser({ db: first.db, user: userValues('a@example.com') });
    first.close();
    const second = track(openDb(path));
    expect(countUsers({ db: second.db })).toBe(1);
    const migrations = second.sqlite
      .prepare('select count(*) as n from __drizzle_migrations')
      .get() as {
      n: number;
    };
    expect(migrations.n).toBeGreaterThan(0);
    expect(integrityCheck(second)).toBe('ok');
  });

  it('enforces unique emails and cascades a user delete to sessions', () => {
    const h = track(createTestDb());
    const user = insertUser({ db: h.db, user: userValues('a@example.com') });
    expect(() => insertUser({ db: h.db, user: userValues('a@example.com') })).toThrow(/UNIQUE/);
    insertSession({
      db: h.db,
      session: { tokenHash: 'h', userId: user.id, expiresAt: new Date(Date.now() + 1000) },
    });
    h.sqlite.prepare('delete from users where id = ?').run(user.id);
    expect(h.db.select().from(sessions).all()).toHaveLength(0);
  });

  it('rolls back a failed transaction completely', () => {
    const h = track(createTestDb());
    expect(() =>
      h.db.transaction((tx) => {
        insertUser({ db: tx, user: userValues('b@example.com') });
        insertUser({ db: tx, user: userValues('b@example.com') });
      }),
    ).toThrow();
    expect(findUserByEmail({ db: h.db, email: 'b@example.com' })).toBeUndefined();
  });

  it('makes an online backup that opens as a consistent database', async () => {
    const dir = tempDir();
    const h = track(openDb(join(dir, 'app.db')));
    insertUser({ db: h.db, user: userValues('c@example.com') });
    await backupDb(h, join(dir, 'backups', 'copy.db'));
    const copy = track(openDb(join(dir, 'backups', 'copy.db')));
    expect(findUserByEmail({ db: copy.db, email: 'c@example.com' })?.email).toBe('c@example.com');
    expect(integrityCheck(copy)).toBe('ok');
  });
});
