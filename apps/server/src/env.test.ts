import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv, resolveSessionSecret } from './env.js';

describe('loadEnv', () => {
  it('has working defaults and no LLM when nothing is configured', () => {
    const env = loadEnv({});
    expect(env.port).toBe(3000);
    expect(env.host).toBe('127.0.0.1');
    expect(env.dbFile).toMatch(/data\/margin\.db$/);
    expect(env.config.llm.roles.chat).toBeUndefined();
    expect(env.config.llm.models).toEqual([]);
  });

  it('uses OpenAI defaults only for OpenAI itself', () => {
    expect(loadEnv({ OPENAI_API_KEY: 'sk-x' }).config.llm.roles).toMatchObject({
      chat: 'gpt-4o-mini',
      embedding: 'text-embedding-3-small',
    });
    // Any other server: no guessed model names.
    const other = loadEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).config.llm;
    expect(other.roles.chat).toBeUndefined();
    expect(other.roles.embedding).toBeUndefined();
  });

  it('reads the MODELS catalog and roles', () => {
    const env = loadEnv({
      OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1',
      MODELS: '[{"id":"llama3","vision":false},{"id":"llava","label":"LLaVA","vision":true}]',
      MODEL_FAST: 'llama3',
    });
    expect(env.config.llm.models).toEqual([
      { id: 'llama3', label: 'llama3', vision: false, contextWindow: 128_000 },
      { id: 'llava', label: 'LLaVA', vision: true, contextWindow: 128_000 },
    ]);
    expect(env.config.llm.roles).toMatchObject({ chat: 'llama3', fast: 'llama3' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SESSION_SECRET: 'short' }, /at least 32/],
    [{ MODELS: 'not json' }, /MODELS must be JSON/],
    [{ MODELS: '[{"label":"no id"}]' }, /MODELS is invalid/],
    [{ OPENAI_BASE_URL: 'not a url' }, /OPENAI_BASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY/],
  ])('refuses %j with a readable message', (source, message) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(message);
  });
});

describe('resolveSessionSecret', () => {
  it('prefers SESSION_SECRET, else generates once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-env-'));
    try {
      const given = 'x'.repeat(40);
      expect(resolveSessionSecret(loadEnv({ DATA_DIR: dir, SESSION_SECRET: given }))).toBe(given);
      const first = resolveSessionSecret(loadEnv({ DATA_DIR: dir }));
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(resolveSessionSecret(loadEnv({ DATA_DIR: dir }))).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
