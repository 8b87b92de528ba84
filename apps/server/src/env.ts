/**
 * The only module that reads process.env: parses it with zod into the server's settings and the
 * AppConfig handed to packages/api. Invalid settings stop start-up with a readable message.
 */
import { defaultAuthConfig, type AppConfig, type ModelInfo } from '@margin/api';
import { DOMAINS } from '@margin/shared';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const modelCatalogSchema = z.array(
  z.object({
    id: z.string().min(1),
    label: z.string().min(1).optional(),
    vision: z.boolean().default(false),
    contextWindow: z.number().int().positive().default(128_000),
  }),
);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'SESSION_SECRET must be at least 32 characters (or leave it unset to generate one)',
  }),
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  TRUST_PROXY: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  MODELS: optionalText,
  MODEL_CHAT: optionalText,
  MODEL_FAST: optionalText,
  MODEL_EMBEDDING: optionalText,
  MODEL_TTS: optionalText,
  MODEL_STT: optionalText,
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
  /** Largest account export file an import takes. */
  MAX_IMPORT_MB: z.coerce.number().positive().max(4096).default(256),
  ALLOW_PRIVATE_URLS: booleanFlag,
  /** API requests one user may make per minute (a script or a very busy tab gets 429 beyond it). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(60).max(10_000_000).default(1200),
});

export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  sessionSecret: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  webDist: string;
  config: AppConfig;
}

export class EnvError extends Error {}

function parseModels(raw: string | undefined): ModelInfo[] {
  if (raw === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new EnvError('MODELS must be JSON: [{"id":"gpt-4o","label":"GPT-4o","vision":true}]');
  }
  const parsed = modelCatalogSchema.safeParse(json);
  if (!parsed.success) throw new EnvError(`MODELS is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data.map((m) => ({ ...m, label: m.label ?? m.id }));
}

function serverVersion(): string {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  return pkg.version;
}

/** Parses `source` (process.env by default). Throws EnvError with every problem listed. */
export function loadEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success)
    throw new EnvError(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const catalog = parseModels(e.MODELS);
  // Without an explicit model choice, only OpenAI itself has well-known model names; for any other
  // base URL the operator names the models (no silent substitution).
  const openAiDefaults = e.OPENAI_API_KEY !== undefined && e.OPENAI_BASE_URL === undefined;
  const chat = e.MODEL_CHAT ?? catalog[0]?.id ?? (openAiDefaults ? 'gpt-4o-mini' : undefined);
  const fast = e.MODEL_FAST ?? chat;
  const models =
    catalog.length > 0
      ? catalog
      : [...new Set([chat, fast].filter((m): m is string => m !== undefined))].map((id) => ({
          id,
          label: id,
          vision: false,
          contextWindow: 128_000,
        }));
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: join(dataDir, 'margin.db'),
    sessionSecret: e.SESSION_SECRET,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    config: {
      version: serverVersion(),
      domains: DOMAINS,
      auth: { ...defaultAuthConfig, requestsPerMinute: e.RATE_LIMIT_PER_MINUTE },
      llm: {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        models,
        roles: {
          chat,
          fast,
          embedding: e.MODEL_EMBEDDING ?? (openAiDefaults ? 'text-embedding-3-small' : undefined),
          tts: e.MODEL_TTS ?? (openAiDefaults ? 'gpt-4o-mini-tts' : undefined),
          stt: e.MODEL_STT ?? (openAiDefaults ? 'whisper-1' : undefined),
        },
      },
      // Set by startServer from a real sandboxed run (detection has side effects; env.ts is pure).
      codeRunnerAvailable: false,
      urlUploadEnabled: true,
      accountImportMaxBytes: Math.round(e.MAX_IMPORT_MB * 1024 * 1024),
      documents: {
        filesDir: join(dataDir, 'files'),
        maxBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
        allowPrivateUrls: e.ALLOW_PRIVATE_URLS,
        urlTimeoutMs: 20_000,
        urlMaxRedirects: 5,
      },
    },
  };
}

/**
 * SESSION_SECRET if given, else the one generated on first run and kept in DATA_DIR (mode 0600),
 * so sessions survive restarts without any setup.
 */
export function resolveSessionSecret(env: ServerEnv): string {
  if (env.sessionSecret !== undefined) return env.sessionSecret;
  const file = join(env.dataDir, 'session-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(env.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
