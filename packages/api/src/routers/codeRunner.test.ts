import { CODE_RUNNER_LIMITS } from '@margin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { detectCodeRunner } from '../services/code-runner/index.js';
import { expectTrpcCode } from '../testing/expect-trpc.js';
import { signUp } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

const setup = await detectCodeRunner();
let h: TestHarness | undefined;
afterEach(() => h?.close());

describe('codeRunner when disabled', () => {
  it('lists no languages and refuses runs with PRECONDITION_FAILED', async () => {
    h = createTestHarness();
    const { client } = await signUp(h, 'ada@example.com');
    expect(await client.api.codeRunner.languages()).toEqual([]);
    const err = await expectTrpcCode(
      client.api.codeRunner.run({ language: 'python', code: 'print(1)' }),
      'PRECONDITION_FAILED',
    );
    expect(err.message).toBe(
      'The code runner is not available on this server (bubblewrap is not installed).',
    );
    expect((await client.api.system.config()).features.codeRunner).toBe(false);
  });
});

describe.skipIf(!setup.available)('codeRunner when available', () => {
  it('lists the languages and runs code', async () => {
    h = createTestHarness({ codeRunnerAvailable: true });
    const { client } = await signUp(h, 'ada@example.com');
    expect(await client.api.codeRunner.languages()).toEqual(['python', 'javascript']);
    expect((await client.api.system.config()).features.codeRunner).toBe(true);
    const result = await client.api.codeRunner.run({ language: 'python', code: 'print(6 * 7)' });
    expect(result).toMatchObject({ exitCode: 0, stdout: '42\n', stderr: '', timedOut: false });
    const js = await client.api.codeRunner.run({
      language: 'javascript',
      code: 'console.log([1, 2].map((x) => x * 21).join(" "))',
      timeoutMs: 5000,
    });
    expect(js.stdout).toBe('21 42\n');
  });

  it('refuses anonymous callers', async () => {
    h = createTestHarness({ codeRunnerAvailable: true });
    const anonymous = h.client();
    await expectTrpcCode(anonymous.api.codeRunner.languages(), 'UNAUTHORIZED');
    await expectTrpcCode(
      anonymous.api.codeRunner.run({ language: 'python', code: 'print(1)' }),
      'UNAUTHORIZED',
    );
  });

  it('rejects bad input with BAD_REQUEST', async () => {
    h = createTestHarness({ codeRunnerAvailable: true });
    const { client } = await signUp(h, 'ada@example.com');
    const bad: unknown[] = [
      { language: 'ruby', code: 'puts 1' },
      { language: 'python', code: '' },
      { language: 'python', code: 'x'.repeat(CODE_RUNNER_LIMITS.codeMax + 1) },
      { language: 'python', code: 'print(1)', timeoutMs: 999 },
      { language: 'python', code: 'print(1)', timeoutMs: 30_001 },
      { language: 'python', code: 'print(1)', timeoutMs: 1500.5 },
      { language: 'python' },
    ];
    for (const input of bad) {
      await expectTrpcCode(
        client.api.codeRunner.run(input as Parameters<typeof client.api.codeRunner.run>[0]),
        'BAD_REQUEST',
      );
    }
  });

  it('refuses CSRF-style cookie mutations from another origin', async () => {
    h = createTestHarness({ codeRunnerAvailable: true });
    const { client } = await signUp(h, 'ada@example.com');
    const foreign = h.client({ sessionToken: client.sessionToken, sameOrigin: false });
    await expectTrpcCode(
      foreign.api.codeRunner.run({ language: 'python', code: 'print(1)' }),
      'FORBIDDEN',
    );
  });
});
