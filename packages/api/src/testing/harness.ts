import type { DbHandle } from '@margin/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '@margin/db/testing';
import { ACCOUNT_LIMITS } from '@margin/shared';
import { defaultAuthConfig, type AppConfig } from '../config.js';
import { createCaller } from '../root.js';
import { authenticateRequest } from '../services/auth.js';
import { createAppServices } from '../services/index.js';
import { silentLogger } from '../services/logger.js';
import { createTRPCContext, type AppServices } from '../trpc.js';

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    version: '0.0.0-test',
    domains: ['assistant', 'search', 'finchat'],
    // Cheap scrypt keeps tests fast; the production default is tested in passwords.test.ts.
    auth: { ...defaultAuthConfig, scrypt: { N: 1024, r: 8, p: 1 } },
    llm: {
      apiKey: undefined,
      baseUrl: undefined,
      models: [],
      roles: {
        chat: undefined,
        fast: undefined,
        embedding: undefined,
        tts: undefined,
        stt: undefined,
      },
    },
    codeRunnerAvailable: false,
    urlUploadEnabled: true,
    accountImportMaxBytes: ACCOUNT_LIMITS.importMaxBytes,
    documents: {
      filesDir: mkdtempSync(join(tmpdir(), 'margin-files-')),
      maxBytes: 50 * 1024 * 1024,
      allowPrivateUrls: false,
      urlTimeoutMs: 10_000,
      urlMaxRedirects: 5,
    },
    ...overrides,
  };
}

/**
 * One simulated client (browser or script). Every call re-authenticates from its cookie jar or
 * bearer token, exactly as an HTTP request would, so logout and revocation are really tested.
 */
export interface TestClient {
  api: ReturnType<typeof createCaller>;
  /** The session token the "browser" holds (what the sealed cookie carries), if any. */
  readonly sessionToken: string | undefined;
  /** Cookie lifetime of the last login, undefined = browser-session cookie. */
  readonly cookieMaxAgeMs: number | undefined;
}

export interface TestHarness {
  services: AppServices;
  dbHandle: DbHandle;
  client(opts?: {
    ip?: string;
    bearerToken?: string;
    sameOrigin?: boolean;
    sessionToken?: string;
  }): TestClient;
  /** Stops running jobs (recording their end), then closes the database. */
  close(): Promise<void>;
}

export function createTestHarness(configOverrides: Partial<AppConfig> = {}): TestHarness {
  const dbHandle = createTestDb();
  const config = testConfig(configOverrides);
  const services = createAppServices({
    config,
    logger: silentLogger,
    dbHandle,
  });
  return {
    services,
    dbHandle,
    client(opts = {}) {
      const jar: { token: string | undefined; maxAge: number | undefined } = {
        token: opts.sessionToken,
        maxAge: undefined,
      };
      const api = createCaller(() =>
        createTRPCContext({
          services,
          auth: authenticateRequest({
            db: services.db,
            config: services.config.auth,
            bearerToken: opts.bearerToken,
            sessionToken: jar.token,
          }),
          cookie: {
            set: (session) => {
              jar.token = session.token;
              jar.maxAge = session.cookieMaxAgeMs;
              return Promise.resolve();
            },
            clear: () => {
              jar.token = undefined;
            },
          },
          ip: opts.ip ?? '127.0.0.1',
          userAgent: 'vitest',
          sameOrigin: opts.sameOrigin ?? true,
        }),
      );
      return {
        api,
        get sessionToken() {
          return jar.token;
        },
        get cookieMaxAgeMs() {
          return jar.maxAge;
        },
      };
    },
    close: async () => {
      await services.jobs.shutdown();
      dbHandle.close();
      rmSync(config.documents.filesDir, { recursive: true, force: true });
    },
  };
}

/** LLM config pointing at a fake provider, with a small catalog and every role set. */
export function fakeLlmConfig(baseUrl: string): AppConfig['llm'] {
  return {
    apiKey: 'test-key',
    baseUrl,
    models: [
      { id: 'fake-chat', label: 'Fake chat', vision: false, contextWindow: 16_000 },
      { id: 'fake-fast', label: 'Fake fast', vision: false, contextWindow: 16_000 },
      { id: 'fake-vision', label: 'Fake vision', vision: true, contextWindow: 16_000 },
    ],
    roles: {
      chat: 'fake-chat',
      fast: 'fake-fast',
      embedding: 'fake-embed',
      tts: 'fake-tts',
      stt: 'fake-stt',
    },
  };
}
