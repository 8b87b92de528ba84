import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { bwrapArgs, defaultLimits, systemMounts } from './sandbox.js';
import { detectCodeRunner } from './detect.js';
import { createCodeRunner } from './runner.js';

describe('bwrapArgs', () => {
  const args = bwrapArgs({
    bwrap: '/usr/bin/bwrap',
    interpreter: '/usr/bin/python3.11',
    language: 'python',
    prlimit: '/usr/bin/prlimit',
    mounts: systemMounts(),
    limits: defaultLimits,
  });

  it('binds only system directories, read-only', () => {
    const sources = args.flatMap((arg, i) =>
      arg === '--bind' || arg === '--ro-bind' ? [args[i + 1]] : [],
    );
    expect(args).not.toContain('--bind');
    for (const source of sources) expect(source).toMatch(/^\/(usr|bin|sbin|lib|lib32|lib64|etc)\b/);
    expect(sources).not.toContain('/');
  });

  it('isolates everything and starts from an empty environment', () => {
    for (const flag of ['--unshare-all', '--clearenv', '--die-with-parent', '--new-session'])
      expect(args).toContain(flag);
    expect(args).not.toContain('--share-net');
  });

  it('runs the interpreter under prlimit', () => {
    const at = args.indexOf('/usr/bin/prlimit');
    expect(args.slice(at)).toEqual([
      '/usr/bin/prlimit',
      '--cpu=30',
      `--as=${512 * 1024 * 1024}`,
      '--nproc=64',
      `--fsize=${10 * 1024 * 1024}`,
      '--nofile=256',
      '--core=0',
      '--',
      '/usr/bin/python3.11',
      '-I',
      '-B',
      '/tmp/main.py',
    ]);
  });
});

const setup = await detectCodeRunner();

describe.skipIf(!setup.available)('createCodeRunner', () => {
  it('queues beyond its concurrency and refuses beyond its queue', async () => {
    const runner = createCodeRunner(setup, { concurrency: 1, queueMax: 1 });
    const slow = { language: 'python' as const, code: 'import time\ntime.sleep(0.5)\nprint(1)' };
    const first = runner.run(slow);
    const second = runner.run(slow);
    const third = runner.run(slow).catch((err: unknown) => err);
    expect(await third).toBeInstanceOf(TRPCError);
    expect(((await third) as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    const [a, b] = await Promise.all([first, second]);
    expect(a.stdout).toBe('1\n');
    expect(b.stdout).toBe('1\n');
    // Ran one after the other, not side by side.
    expect(a.durationMs + b.durationMs).toBeGreaterThan(900);
    expect((await runner.run(slow)).exitCode).toBe(0);
  });

  it('refuses a language it did not detect', async () => {
    const runner = createCodeRunner({ ...setup, commands: {}, languages: [] });
    await expect(runner.run({ language: 'python', code: 'print(1)' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
