import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI is tested as users run it: the built file, in a child process.
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);
let dataDir: string;

async function margin(args: string[], input?: string) {
  const child = run('node', [cli, ...args], { env: { PATH: process.env.PATH, DATA_DIR: dataDir } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'margin-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each CLI call is a fresh Node process hashing with the production scrypt cost; on a loaded
// 2-core CI machine that can take seconds, so these tests get a generous timeout.
describe('pnpm margin', { timeout: 90_000 }, () => {
  it('prints help', async () => {
    const res = await margin(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/users:create/);
  });

  it('creates an admin and a user, refuses duplicates and bad input', async () => {
    const created = await margin([
      'users:create',
      '--email',
      'Root@Example.com',
      '--password',
      'root password 1',
      '--admin',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created admin root@example\.com/);
    const fromStdin = await margin(
      ['users:create', '--email', 'u@example.com', '--password-stdin'],
      'stdin password 1\n',
    );
    expect(fromStdin.stdout).toMatch(/Created user u@example\.com/);
    const dup = await margin([
      'users:create',
      '--email',
      'root@example.com',
      '--password',
      'another pw 12',
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const short = await margin(['users:create', '--email', 'x@example.com', '--password', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 8/);
    const list = await margin(['users:list']);
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^root@example\.com\tadmin\tactive/),
      expect.stringMatching(/^u@example\.com\tuser\tactive/),
    ]);
  });

  it('resets a password', async () => {
    const res = await margin([
      'users:reset-password',
      '--email',
      'u@example.com',
      '--password',
      'brand new pw 1',
    ]);
    expect(res.code).toBe(0);
    const missing = await margin([
      'users:reset-password',
      '--email',
      'ghost@example.com',
      '--password',
      'brand new pw 1',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No user/);
  });

  it('backs up to a new file and refuses to overwrite', async () => {
    const target = join(dataDir, 'backups', 'copy.db');
    const res = await margin(['backup', target]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/integrity check ok/);
    expect(existsSync(target)).toBe(true);
    const again = await margin(['backup', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("exports a user's data to a new file, and refuses unknown users and existing files", async () => {
    const target = join(dataDir, 'exports', 'u.json');
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    const res = await margin(['users:export', '--email', 'u@example.com', target]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Exported u@example\.com/);
    const data = JSON.parse(readFileSync(target, 'utf8')) as {
      format: string;
      account: { email: string };
    };
    expect(data.format).toBe('margin-account');
    expect(data.account.email).toBe('u@example.com');
    const again = await margin(['users:export', '--email', 'u@example.com', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const ghost = await margin(['users:export', '--email', 'ghost@example.com', `${target}.2`]);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/No user/);
  });

  it('rejects unknown commands and options', async () => {
    expect((await margin(['users:explode'])).stderr).toMatch(/Unknown command/);
    expect((await margin(['users:list', '--bogus'])).code).toBe(1);
  });
});
