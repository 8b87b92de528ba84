/**
 * Configuration the server passes into the API layer. Nothing in packages/* reads process.env:
 * apps/server/src/env.ts parses the environment and builds this object.
 */
export interface ModelInfo {
  id: string;
  label: string;
  vision: boolean;
  contextWindow: number;
}

export interface LlmConfig {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** The model catalog shown in the model picker. */
  models: ModelInfo[];
  roles: {
    chat: string | undefined;
    fast: string | undefined;
    embedding: string | undefined;
    tts: string | undefined;
    stt: string | undefined;
  };
}

export interface AuthConfig {
  /** Idle lifetime of a normal (browser-session) login. */
  sessionTtlMs: number;
  /** Idle lifetime of a "keep me signed in" login. */
  rememberTtlMs: number;
  /** Login attempts allowed per IP per minute, whatever their outcome. */
  loginAttemptsPerIpPerMinute: number;
  /** Failed logins allowed per email per minute before the email is refused for a while. */
  loginFailuresPerEmailPerMinute: number;
  /** General request budget per user (or IP when anonymous) per minute. */
  requestsPerMinute: number;
  /** scrypt cost for new password hashes (each hash records its own, so it can be raised later). */
  scrypt: ScryptParams;
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export interface AppConfig {
  version: string;
  domains: readonly string[];
  auth: AuthConfig;
  llm: LlmConfig;
  /** Whether the code-runner sandbox (bubblewrap) is available on this host. */
  codeRunnerAvailable: boolean;
  urlUploadEnabled: boolean;
  documents: DocumentsConfig;
  /** Largest account export `account.import` takes, in bytes. */
  accountImportMaxBytes: number;
}

export interface DocumentsConfig {
  /** Uploaded bytes live here (DATA_DIR/files), under generated names only. */
  filesDir: string;
  /** Largest accepted upload or fetched page, in bytes. */
  maxBytes: number;
  /** Let `documents.addUrl` reach private, loopback and link-local addresses (trusted LANs only). */
  allowPrivateUrls: boolean;
  urlTimeoutMs: number;
  urlMaxRedirects: number;
}

export const defaultAuthConfig: AuthConfig = {
  sessionTtlMs: 24 * 60 * 60 * 1000,
  rememberTtlMs: 30 * 24 * 60 * 60 * 1000,
  loginAttemptsPerIpPerMinute: 30,
  loginFailuresPerEmailPerMinute: 10,
  requestsPerMinute: 1200,
  // N=2^15, r=8, p=3 (32 MiB): one of OWASP's equivalents of N=2^17, p=1, at a quarter of the memory.
  scrypt: { N: 2 ** 15, r: 8, p: 3 },
};
