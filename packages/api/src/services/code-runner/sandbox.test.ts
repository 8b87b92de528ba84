/**
 * Escape attempts against the real sandbox. Each must fail, and the failure is asserted on the
 * result the caller gets. Skipped only where bubblewrap cannot run at all (the feature is then off).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunCodeInput } from '@margin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCodeRunner } from './detect.js';
import { createCodeRunner, type CodeRunner } from './runner.js';

const setup = await detectCodeRunner();
let runner: CodeRunner;
let dataDir: string;
let listener: Server;
let port: number;

beforeAll(async () => {
  runner = createCodeRunner(setup, { concurrency: 4, queueMax: 8 });
  process.env.MARGIN_TEST_SECRET = 'sk-very-secret-value';
  dataDir = mkdtempSync(join(tmpdir(), 'margin-data-'));
  writeFileSync(join(dataDir, 'secret.txt'), 'top secret data');
  listener = createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => {
  delete process.env.MARGIN_TEST_SECRET;
  rmSync(dataDir, { recursive: true, force: true });
  listener.close();
});

const py = (code: string, timeoutMs?: number) =>
  runner.run({ language: 'python', code, timeoutMs } satisfies RunCodeInput);
const js = (code: string, timeoutMs?: number) =>
  runner.run({ language: 'javascript', code, timeoutMs } satisfies RunCodeInput);

// CI sets this: there a missing sandbox is a failure, not a skipped suite.
it.runIf(process.env.MARGIN_REQUIRE_CODE_RUNNER === '1')(
  'the sandbox works on this machine',
  () => {
    expect(setup).toMatchObject({ available: true, languages: ['python', 'javascript'] });
  },
);

describe.skipIf(!setup.available)('code runner sandbox', () => {
  it('detects both interpreters at system paths, never a shim under /root', () => {
    expect(setup.languages).toEqual(['python', 'javascript']);
    for (const command of Object.values(setup.commands)) {
      expect(command.interpreter).toMatch(/^\/usr\//);
    }
  });

  it('runs hello world in python and javascript', async () => {
    const a = await py('print("hello", 6 * 7)');
    expect(a).toMatchObject({ exitCode: 0, stdout: 'hello 42\n', stderr: '', timedOut: false });
    expect(a.truncated).toBe(false);
    expect(a.durationMs).toBeGreaterThanOrEqual(0);
    const b = await js('console.log("hello", 6 * 7)');
    expect(b).toMatchObject({ exitCode: 0, stdout: 'hello 42\n', stderr: '', timedOut: false });
  });

  it('reports exit codes and stderr', async () => {
    const a = await py('import sys\nprint("oops", file=sys.stderr)\nsys.exit(3)');
    expect(a).toMatchObject({ exitCode: 3, stdout: '', stderr: 'oops\n' });
    const b = await js('console.error("bad"); process.exit(7)');
    expect(b).toMatchObject({ exitCode: 7, stderr: 'bad\n' });
    const c = await py('raise ValueError("nope")');
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toContain('ValueError: nope');
  });

  it('kills an infinite loop at the wall clock', async () => {
    const started = Date.now();
    const a = await py('while True: pass', 1000);
    expect(a.timedOut).toBe(true);
    expect(a.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    const b = await js('for (;;) {}', 1000);
    expect(b.timedOut).toBe(true);
  });

  it('shows no host environment, in the process or in /proc/1/environ', async () => {
    const a = await py(
      'import os\nprint(sorted(os.environ))\nprint(open("/proc/1/environ","rb").read())\n' +
        'import glob\nfor p in glob.glob("/proc/[0-9]*/environ"):\n  print(open(p,"rb").read())',
    );
    expect(a.exitCode).toBe(0);
    expect(a.stdout).not.toContain('sk-very-secret-value');
    expect(a.stdout).not.toContain('MARGIN_TEST_SECRET');
    expect(a.stdout.split('\n')[0]).toBe("['HOME', 'LANG', 'PATH', 'PWD']");
    const b = await js('console.log(JSON.stringify(process.env))');
    expect(b.stdout).not.toContain('MARGIN_TEST_SECRET');
    expect(JSON.parse(b.stdout) as object).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: '/tmp',
      LANG: 'C.UTF-8',
      PWD: '/tmp',
    });
  });

  it('cannot see the data dir, /root, /work or the host /tmp', async () => {
    const a = await py(
      'import os\n' +
        `for p in [${JSON.stringify(join(dataDir, 'secret.txt'))}, "/root/.bashrc", "/work/main/package.json", "/etc/passwd"]:\n` +
        '  try:\n    print("READ", p, open(p).read()[:20])\n  except OSError as e:\n    print("DENIED", p, type(e).__name__)\n' +
        'print(sorted(os.listdir("/")))\nprint(os.listdir("/tmp"))',
    );
    expect(a.stdout).not.toContain('READ');
    expect(a.stdout).not.toContain('top secret');
    expect(a.stdout).toContain('DENIED /root/.bashrc FileNotFoundError');
    expect(a.stdout).toContain('DENIED /work/main/package.json FileNotFoundError');
    const listing = a.stdout.split('\n');
    expect(listing[4]).not.toMatch(/'root'|'home'|'work'/);
    // The work dir holds only the program itself, not the host's /tmp.
    expect(listing[5]).toBe("['main.py']");
  });

  it('has no network: loopback of the host and the internet are unreachable', async () => {
    const a = await py(
      'import socket\n' +
        `for host, port in [("127.0.0.1", ${port}), ("1.1.1.1", 80)]:\n` +
        '  try:\n    s = socket.create_connection((host, port), timeout=2)\n    print("CONNECTED", host, s.recv(100))\n' +
        '  except OSError as e:\n    print("FAILED", host, type(e).__name__)\n',
    );
    expect(a.stdout).not.toContain('CONNECTED');
    expect(a.stdout).toContain('FAILED 127.0.0.1');
    expect(a.stdout).toContain('FAILED 1.1.1.1');
    const b = await js(
      `const s = require('net').connect(${port}, '127.0.0.1');` +
        `s.on('data', (d) => console.log('CONNECTED', String(d)));` +
        `s.on('error', (e) => console.log('FAILED', e.code));`,
    );
    expect(b.stdout).toMatch(/^FAILED /);
  });

  it('cannot write outside the work dir', async () => {
    const a = await py(
      'for p in ["/usr/evil", "/etc/evil", "/evil", "/tmp/ok"]:\n' +
        '  try:\n    open(p, "w").write("x")\n    print("WROTE", p)\n' +
        '  except OSError as e:\n    print("DENIED", p, type(e).__name__)\n',
    );
    expect(a.stdout).toContain('DENIED /usr/evil');
    expect(a.stdout).toContain('DENIED /etc/evil');
    expect(a.stdout).toContain('DENIED /evil OSError');
    expect(a.stdout).toContain('DENIED /evil');
    expect(a.stdout).toContain('WROTE /tmp/ok');
  });

  it('limits file size and the size of the work dir', async () => {
    const a = await py('open("/tmp/big", "wb").write(b"x" * (20 * 1024 * 1024))');
    expect(a.exitCode).not.toBe(0);
    const b = await py(
      'n = 0\ntry:\n  for i in range(100):\n    open(f"/tmp/f{i}", "wb").write(b"x" * (8 * 1024 * 1024))\n    n += 1\n' +
        'except OSError as e:\n  print("FULL", n, e.strerror)',
    );
    expect(b.stdout).toMatch(/^FULL [0-9] No space left on device/);
  });

  it('refuses a 2 GB allocation in both languages', async () => {
    const a = await py('x = bytearray(2 * 1024 ** 3)\nprint("ALLOCATED")');
    expect(a.stdout).not.toContain('ALLOCATED');
    expect(a.stderr).toContain('MemoryError');
    const b = await js(
      'const a = []; for (let i = 0; i < 2048; i++) a.push(Buffer.alloc(1024 * 1024, 1)); console.log("ALLOCATED")',
    );
    expect(b.stdout).not.toContain('ALLOCATED');
    expect(b.exitCode).not.toBe(0);
    const c = await js('const a = []; for (;;) a.push(new Array(1e6).fill(1))', 20_000);
    expect(c.exitCode).not.toBe(0);
    expect(c.timedOut).toBe(false);
  });

  it('truncates 100 MB of output and returns promptly', async () => {
    const started = Date.now();
    const a = await py(
      'import sys\nfor _ in range(100):\n  sys.stdout.write("x" * (1024 * 1024))',
      30_000,
    );
    expect(a.truncated).toBe(true);
    expect(a.stdout.length).toBe(64 * 1024);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('contains a fork bomb, and the next run still works', async () => {
    const started = Date.now();
    const a = await py(
      'import os\nn = 0\nwhile True:\n  try:\n    os.fork()\n    n += 1\n  except OSError:\n    pass',
      3000,
    );
    expect(a.exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    const b = await js(
      "const { spawn } = require('child_process'); let n = 0, failed = 0;" +
        "for (let i = 0; i < 200; i++) { const c = spawn('/bin/sleep', ['5']); c.on('error', () => failed++); n++; }" +
        "setTimeout(() => console.log('spawned', n, 'failed', failed), 500)",
      3000,
    );
    expect(b.stdout).toMatch(/failed [1-9]/);
    const after = await py('print("still fine")');
    expect(after).toMatchObject({ exitCode: 0, stdout: 'still fine\n' });
  }, 15_000);

  it('applies the same limits with ulimit when prlimit is missing', async () => {
    const commands = Object.fromEntries(
      Object.entries(setup.commands).map(([language, command]) => [
        language,
        { ...command, prlimit: undefined },
      ]),
    );
    const fallback = createCodeRunner({ ...setup, commands });
    const a = await fallback.run({ language: 'python', code: 'x = bytearray(2 * 1024 ** 3)' });
    expect(a.stderr).toContain('MemoryError');
    const b = await fallback.run({ language: 'javascript', code: 'console.log(6 * 7)' });
    expect(b).toMatchObject({ exitCode: 0, stdout: '42\n' });
    const c = await fallback.run({
      language: 'python',
      code: 'import resource\nprint(resource.getrlimit(resource.RLIMIT_NPROC), resource.getrlimit(resource.RLIMIT_FSIZE))',
    });
    expect(c.stdout).toBe(`(64, 64) (${10 * 1024 * 1024}, ${10 * 1024 * 1024})\n`);
  });

  it('kills the run when the caller aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const a = await runner.run({ language: 'python', code: 'while True: pass' }, controller.signal);
    expect(a.exitCode).toBeNull();
    expect(a.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
