/**
 * What the retrieval benches (documents, PKB) share: deterministic Zipf-distributed text, the
 * fake provider's 384-d embeddings, an LLM configuration with only the embedding role, a tRPC
 * caller that signs in with the session its own `auth.setup`/`auth.login` sets, and report rows
 * of p50 / p95 timings.
 */
import {
  authenticateRequest,
  createCaller,
  createTRPCContext,
  normalize,
  type AppServices,
  type LlmConfig,
} from '@margin/api';
import { fakeEmbedding } from '@margin/api/testing';
import { ms, type ReportRow, type Sample } from './stats.js';

export const DIMENSION = 384;

/** The fake provider's embedding of `text`, computed in-process. */
export function localEmbedding(text: string): Float32Array {
  return Float32Array.from(fakeEmbedding(text, DIMENSION));
}

/** `localEmbedding`, L2-normalised as stored rows are. */
export function normalizedEmbedding(text: string): Float32Array {
  return normalize(localEmbedding(text));
}

/** Only the embedding role, served by the fake provider at `baseUrl`. */
export function embeddingOnlyLlm(baseUrl: string): LlmConfig {
  return {
    apiKey: 'bench',
    baseUrl,
    models: [],
    roles: {
      chat: undefined,
      fast: undefined,
      embedding: 'fake-embed',
      tts: undefined,
      stt: undefined,
    },
  };
}

/**
 * Deterministic text over `vocabulary` with Zipf (rank⁻¹) word frequencies, like real prose:
 * the first words are everywhere, most words are rare. `words(seed, n)` is the same for the
 * same arguments (xorshift32 seeded from `seed`).
 */
export function zipfText(vocabulary: readonly string[]): {
  words: (seed: number, n: number) => string[];
} {
  let sum = 0;
  const cumulative = vocabulary.map((_, r) => (sum += 1 / (r + 1))).map((x) => x / sum);
  const pick = (u: number): string => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] ?? '';
  };
  return {
    words: (seed, n) => {
      let x = (seed * 2_654_435_761 + 1) >>> 0 || 1;
      const out: string[] = [];
      for (let k = 0; k < n; k++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        out.push(pick(x / 2 ** 32));
      }
      return out;
    },
  };
}

/**
 * A tRPC caller over `services` that keeps the session cookie a sign-in sets, so calls after
 * `auth.setup` are authenticated like a browser's. Callers made with the same `session` share it.
 */
export function sessionCaller(
  services: AppServices,
  session: { token?: string } = {},
): ReturnType<typeof createCaller> {
  return createCaller(() =>
    createTRPCContext({
      services,
      auth: authenticateRequest({
        db: services.db,
        config: services.config.auth,
        bearerToken: undefined,
        sessionToken: session.token,
      }),
      cookie: {
        set: (s) => {
          session.token = s.token;
          return Promise.resolve();
        },
        clear: () => undefined,
      },
      ip: '127.0.0.1',
      userAgent: 'bench',
      sameOrigin: true,
    }),
  );
}

/**
 * A report row of `p50 / p95` timings, judged on p95 against `budgetMs` (with `note` after the
 * budget), or informational without a budget.
 */
export function timingRow({
  what,
  sample,
  budgetMs,
  note,
}: {
  what: string;
  sample: Sample;
  budgetMs?: number;
  note?: string;
}): ReportRow {
  return {
    what,
    measured: `${ms(sample.p50)} / ${ms(sample.p95)}`,
    budget:
      budgetMs === undefined
        ? 'informational'
        : `≤ ${String(budgetMs)} ms p95${note === undefined ? '' : ` (${note})`}`,
    pass: budgetMs === undefined ? undefined : sample.p95 <= budgetMs,
  };
}
