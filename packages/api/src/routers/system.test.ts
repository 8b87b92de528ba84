import { afterEach, describe, expect, it } from 'vitest';
import { createTestHarness, testConfig, type TestHarness } from '../testing/harness.js';

let h: TestHarness | undefined;
afterEach(() => h?.close());

describe('system', () => {
  it('health answers without a session', async () => {
    h = createTestHarness();
    expect(await h.client().api.system.health()).toEqual({
      ok: true,
      version: '0.0.0-test',
      db: 'ok',
    });
  });

  it('config reports every LLM feature off when no provider is configured', async () => {
    h = createTestHarness();
    expect(await h.client().api.system.config()).toEqual({
      domains: ['assistant', 'search', 'finchat'],
      features: {
        llm: false,
        embeddings: false,
        tts: false,
        stt: false,
        codeRunner: false,
        urlUpload: true,
      },
      limits: { maxUploadBytes: 50 * 1024 * 1024, maxImportBytes: 256 * 1024 * 1024 },
    });
  });

  it('config turns on exactly the features whose model roles are configured', async () => {
    const base = testConfig();
    h = createTestHarness({
      llm: {
        ...base.llm,
        baseUrl: 'http://127.0.0.1:1/v1',
        roles: { chat: 'm', fast: 'm', embedding: 'e', tts: undefined, stt: undefined },
      },
    });
    const { features } = await h.client().api.system.config();
    expect(features).toMatchObject({ llm: true, embeddings: true, tts: false, stt: false });
  });
});
