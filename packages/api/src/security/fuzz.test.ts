/**
 * Bad-input fuzzing of every procedure: inputs generated from each procedure's own zod schema
 * (often valid, often holding real ids) with hostile values mixed in at every level. Whatever
 * comes in, the answer is a result or a TRPCError that is not INTERNAL_SERVER_ERROR, and a call
 * that fails writes nothing. `FUZZ_RUNS` raises the number of inputs per procedure.
 */
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuthConfig } from '../config.js';
import { appRouter } from '../root.js';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai.js';
import { createTestHarness, fakeLlmConfig, type TestHarness } from '../testing/harness.js';
import { FIXTURE_PASSWORD, signUp } from '../testing/fixtures.js';
import { createOwnedFixtures, type OwnedFixtures } from './authz-fixtures.js';
import { procedureAt, settle, snapshot } from './call-helpers.js';
import { inputArbitrary } from './input-arbitrary.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Procedures that end the caller's own session: each run gets a throw-away login. */
const SESSION_ENDING = new Set(['auth.logout', 'auth.logoutEverywhere', 'auth.changePassword']);

let fake: FakeOpenAI;
let h: TestHarness;
let ada: OwnedFixtures;
let logins = 0;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.setDefaultResponder(() => ({ chunks: ['fuzzed ', 'answer'] }));
  // Generous limits: the fuzzer is one very busy user, and being rate limited is not a finding.
  h = createTestHarness({
    llm: fakeLlmConfig(fake.url),
    auth: {
      ...defaultAuthConfig,
      scrypt: { N: 1024, r: 8, p: 1 },
      requestsPerMinute: 1e9,
      loginAttemptsPerIpPerMinute: 1e9,
      loginFailuresPerEmailPerMinute: 1e9,
    },
  });
  ada = await createOwnedFixtures(h, fake);
  await signUp(h, 'bob@example.com');
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

async function callerFor(path: string): Promise<object> {
  if (!SESSION_ENDING.has(path)) return ada.ada.client.api;
  const client = h.client({ ip: `10.1.${String(++logins >> 8)}.${String(logins & 255)}` });
  await client.api.auth.login({ email: 'bob@example.com', password: FIXTURE_PASSWORD });
  return client.api;
}

/** Keeps runs short: following a job that never starts would wait ten seconds. */
function tame(path: string, input: unknown): unknown {
  if (path === 'jobs.follow' && input !== null && typeof input === 'object') {
    return { ...input, waitForStart: false };
  }
  return input;
}

const procedures = Object.entries(appRouter._def.procedures);

describe('bad-input fuzzing', () => {
  it.each(procedures)(
    '%s never fails with a server error and never half-writes',
    async (path, procedure) => {
      const parsers = (procedure as unknown as { _def: { inputs: unknown[] } })._def.inputs;
      const ids = [...ada.ids, ada.ada.user.id, ada.promptName];
      await fc.assert(
        fc.asyncProperty(inputArbitrary(parsers, ids), async (raw) => {
          const input = tame(path, raw);
          const call = procedureAt(await callerFor(path), path);
          const before = snapshot(h.dbHandle);
          try {
            await settle(call(input));
          } catch (err) {
            if (!(err instanceof TRPCError)) throw err;
            expect(err.code, err.message).not.toBe('INTERNAL_SERVER_ERROR');
            expect(snapshot(h.dbHandle)).toBe(before);
          }
        }),
        { numRuns: path === 'auth.changePassword' || path === 'auth.login' ? 10 : RUNS },
      );
    },
  );
});
