/**
 * The PKB at scale (ARCHITECTURE § 10): `pkb.search` hybrid (BM25 + cosine over 384-d claim
 * embeddings, fused by reciprocal rank) over 100k claims of one user, and bulk insertion of 10k
 * claims through `pkb.claims.bulkCreate` (normalisation, duplicate checks, one batched embedding
 * request per call, one transaction per call).
 *
 * The first 10k claims go through the real API (the bulk figure); 90k more are seeded with raw
 * SQL. Searches go through the tRPC caller with a real session; the query is embedded by the
 * fake provider over loopback, and separately by an in-process embedder (Margin's own work).
 */
import { createAppServices, LlmService, vectorToBlob, type AppServices } from '@margin/api';
import { startFakeOpenAI } from '@margin/api/testing';
import { openDb } from '@margin/db';
import { CLAIM_DOMAINS, CLAIM_TYPES } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadEnv } from '../env.js';
import {
  embeddingOnlyLlm,
  localEmbedding,
  normalizedEmbedding,
  sessionCaller,
  timingRow,
  zipfText,
} from './fixtures.js';
import { ms, summarise, timeRuns, type ReportRow } from './stats.js';

const TOTAL = 100_000;
const BULK = 10_000;
const BATCH = 200;
const RUNS = 200;

const COMMON = 'i my the a to and of in on at is for with have like'.split(' ');
const TOPICS = (
  'breakfast coffee tea sister brother mother father birthday doctor appointment dentist ' +
  'running marathon gym yoga swimming budget savings rent mortgage salary python rust project ' +
  'deadline meeting manager colleague garden tomatoes roses piano guitar violin french spanish ' +
  'german travel japan italy flight hotel allergy peanuts medication vitamin sleep insomnia ' +
  'novel poetry chess bicycle car train vegetarian cooking pasta curry sushi cat dog'
).split(' ');
const TEXT = zipfText([
  ...COMMON,
  ...TOPICS,
  ...Array.from({ length: 3000 }, (_, i) => `v${i.toString(36)}q`),
]);

/** A deterministic statement of 8–16 words, unique by its number. */
function statement(seed: number): string {
  return `${TEXT.words(seed, 8 + (seed % 9)).join(' ')} (note ${seed})`;
}

const QUERIES = [
  'What do I usually have for breakfast?',
  'my sister birthday',
  'doctor appointment next week',
  'marathon training and running',
  'budget savings rent',
  'python project deadline',
  'Which languages do I speak, french or spanish?',
  'allergy to peanuts medication',
  'travel to japan flight hotel',
  'chess and piano hobbies',
];

/** Embeds in-process with the fake's function: the search without the provider round trip. */
class LocalEmbedder extends LlmService {
  override embed({ texts }: { texts: string[] }): Promise<Float32Array[]> {
    return Promise.resolve(texts.map(localEmbedding));
  }
}

export async function benchPkb(): Promise<ReportRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'margin-bench-pkb-'));
  const fake = await startFakeOpenAI();
  const env = loadEnv({ DATA_DIR: dir });
  env.config.auth.scrypt = { N: 1024, r: 8, p: 1 };
  env.config.auth.requestsPerMinute = 1e9;
  env.config.llm = embeddingOnlyLlm(fake.url);
  const handle = openDb(env.dbFile);
  try {
    const logger = pino({ level: 'silent' });
    const services = createAppServices({ config: env.config, logger, dbHandle: handle });
    const local: AppServices = {
      ...services,
      llm: new LocalEmbedder({ config: env.config.llm, logger }),
    };
    // One session for every caller: the user `auth.setup` signs in below.
    const session: { token?: string } = {};
    const callerFor = (s: AppServices) => sessionCaller(s, session);
    const api = callerFor(services);
    const localApi = callerFor(local);
    const user = await api.auth.setup({ email: 'bench@example.com', password: 'bench password 1' });

    // 1. Bulk insertion through the API: 10k claims, 200 per call.
    const bulkStart = performance.now();
    let created = 0;
    for (let b = 0; b < BULK / BATCH; b++) {
      const res = await api.pkb.claims.bulkCreate({
        claims: Array.from({ length: BATCH }, (_, i) => ({
          statement: statement(b * BATCH + i),
          type: CLAIM_TYPES[(b * BATCH + i) % CLAIM_TYPES.length] ?? 'fact',
          domain: CLAIM_DOMAINS[(b * BATCH + i) % CLAIM_DOMAINS.length] ?? 'personal',
          tags: [`tag${(b * BATCH + i) % 50}`],
        })),
      });
      created += res.created.length;
    }
    const bulkMs = performance.now() - bulkStart;

    // 2. 90k more, seeded directly.
    const insert = handle.sqlite.prepare(
      `insert into claims (id, user_id, statement, normalized, type, domain, status, source,
         search_text, embedding, embedding_model, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, 'fake-embed', ?, ?)`,
    );
    const now = Date.now();
    handle.sqlite.transaction(() => {
      for (let i = BULK; i < TOTAL; i++) {
        const text = statement(i);
        const vector = normalizedEmbedding(text);
        insert.run(
          randomUUID(),
          user.id,
          text,
          text.toLowerCase(),
          CLAIM_TYPES[i % CLAIM_TYPES.length],
          CLAIM_DOMAINS[i % CLAIM_DOMAINS.length],
          i % 20 === 0 ? 'retracted' : 'active',
          `tag${i % 50}`,
          vectorToBlob(vector),
          now - i,
          now - i,
        );
      }
    })();
    handle.sqlite.pragma('optimize');

    let q = 0;
    const search = (caller: typeof api) => async () => {
      const hits = await caller.pkb.search({ query: QUERIES[q++ % QUERIES.length] ?? '', k: 20 });
      if (hits.length === 0) throw new Error('bench data: every query should find claims');
      if (!hits.some((h) => h.why.fts) || !hits.some((h) => h.why.embedding))
        throw new Error('bench data: both signals should find claims');
    };
    const full = await timeRuns(search(api), RUNS);
    const own = await timeRuns(search(localApi), RUNS);
    // What a chat turn does: pinned + conversation-pinned + searched claims, formatted.
    const conversation = await api.conversations.create({ domain: 'assistant' });
    const some = await api.pkb.claims.list({ limit: 8 });
    for (const [i, claim] of some.items.entries()) {
      if (i < 5) await api.pkb.claims.pin({ id: claim.id, pinned: true });
      else
        await api.pkb.conversationPins.set({
          conversationId: conversation.id,
          claimId: claim.id,
          pinned: true,
        });
    }
    const context = await timeRuns(async () => {
      const result = await api.pkb.relevantContext({
        query: QUERIES[q++ % QUERIES.length] ?? '',
        conversationId: conversation.id,
        k: 10,
      });
      if (result.claims.length < 8) throw new Error('bench data: pinned claims should be in');
    }, RUNS);
    // A claim changed: the next search patches the cached matrix with that row.
    const touch = await localApi.pkb.claims.create({
      statement: 'I water the garden',
      type: 'habit',
    });
    let flip = false;
    const changed = await timeRuns(
      async () => {
        flip = !flip;
        await localApi.pkb.claims.update({ id: touch.id, status: flip ? 'historical' : 'active' });
        await search(localApi)();
      },
      20,
      2,
    );
    // After start-up (a new connection, nothing cached): every embedding is read and decoded once.
    const coldTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = openDb(env.dbFile);
      try {
        const freshApi = callerFor({
          ...createAppServices({ config: env.config, logger, dbHandle: fresh }),
          llm: local.llm,
        });
        const start = performance.now();
        await search(freshApi)();
        coldTimes.push(performance.now() - start);
      } finally {
        fresh.close();
      }
    }
    const cold = summarise(coldTimes);

    return [
      timingRow({
        what: `\`pkb.search\` hybrid (BM25 + cosine, 384-d) over ${TOTAL / 1000}k claims, query embedded by the fake provider over HTTP (p50 / p95)`,
        sample: full,
        budgetMs: 100,
      }),
      timingRow({
        what: '`pkb.search`, same, query embedded in-process (Margin’s own work only) (p50 / p95)',
        sample: own,
        budgetMs: 100,
      }),
      timingRow({
        what: `\`pkb.relevantContext\` (what a chat turn recalls: 5 pinned + 3 conversation-pinned + hybrid search, k = 10, formatted) over ${TOTAL / 1000}k claims, query embedded over HTTP (p50 / p95)`,
        sample: context,
        budgetMs: 100,
        note: 'the search budget',
      }),
      timingRow({
        what: '`pkb.claims.update` + `pkb.search` (the cached matrix is patched with the changed claim) (p50 / p95)',
        sample: changed,
      }),
      {
        what: 'First `pkb.search` after start-up (all 100k embeddings read and decoded once) (p50 of 3)',
        measured: ms(cold.p50),
        budget: 'informational',
        pass: undefined,
      },
      {
        what: `\`pkb.claims.bulkCreate\` of ${BULK / 1000}k claims (${BATCH} per call, embeddings by the fake provider), ${created} created`,
        measured: `${(bulkMs / 1000).toFixed(2)} s (${ms(bulkMs / (BULK / BATCH))} per call)`,
        budget: 'informational',
        pass: undefined,
      },
    ];
  } finally {
    handle.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
