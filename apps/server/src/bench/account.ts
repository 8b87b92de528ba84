/**
 * Whole-account export and import at the size of a heavy user: 500 conversations of 20 messages
 * (10k), 20 documents of 200 KB, 500 memories. Export is streamed as the HTTP route does; the
 * longest synchronous stretch between two pieces is what other requests could wait behind. The
 * import goes through `account.import` (parse, checks, file writes, one transaction) into a
 * second account; the documents' re-indexing runs afterwards in jobs and is not timed here.
 */
import { createAppServices, streamAccountExport } from '@margin/api';
import { documentQueries, messageQueries, openDb } from '@margin/db';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadEnv } from '../env.js';
import { sessionCaller, zipfText } from './fixtures.js';
import { ms, type ReportRow } from './stats.js';

const CONVERSATIONS = 500;
const MESSAGES_PER_CONVERSATION = 20;
const DOCUMENTS = 20;
const DOCUMENT_BYTES = 200 * 1024;
const MEMORIES = 500;

const TEXT = zipfText(
  'the of and to a in is that for it as with was on be by this are from or have an which notes'
    .split(' ')
    .concat(Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`)),
);

export async function benchAccount(): Promise<ReportRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'margin-bench-account-'));
  const env = loadEnv({ DATA_DIR: dir });
  env.config.auth.scrypt = { N: 1024, r: 8, p: 1 };
  env.config.auth.requestsPerMinute = 1e9;
  const handle = openDb(env.dbFile);
  const services = createAppServices({
    config: env.config,
    logger: pino({ level: 'silent' }),
    dbHandle: handle,
  });
  try {
    const ada = sessionCaller(services);
    const user = await ada.auth.setup({ email: 'ada@example.com', password: 'bench password 1' });
    await ada.admin.users.create({ email: 'bob@example.com', password: 'bench password 1' });
    const bob = sessionCaller(services);
    await bob.auth.login({ email: 'bob@example.com', password: 'bench password 1' });

    const { filesDir } = env.config.documents;
    mkdirSync(join(filesDir, 'documents'), { recursive: true });
    for (let c = 0; c < CONVERSATIONS; c++) {
      const { id: conversationId } = await ada.conversations.create({ domain: 'assistant' });
      messageQueries.insertMessages({
        db: services.db,
        rows: Array.from({ length: MESSAGES_PER_CONVERSATION }, (_, position) => ({
          conversationId,
          userId: user.id,
          role: position % 2 === 0 ? ('user' as const) : ('assistant' as const),
          content: TEXT.words(c * 100 + position, position % 2 === 0 ? 30 : 250).join(' '),
          position,
        })),
      });
      if (c < DOCUMENTS) {
        const storageKey = randomUUID();
        const body = TEXT.words(c, DOCUMENT_BYTES / 6)
          .join(' ')
          .slice(0, DOCUMENT_BYTES);
        writeFileSync(join(filesDir, 'documents', storageKey), body);
        documentQueries.insertDocument({
          db: services.db,
          document: {
            conversationId,
            userId: user.id,
            ordinal: 1,
            kind: 'text',
            title: `notes-${String(c)}.txt`,
            filename: `notes-${String(c)}.txt`,
            mimeType: 'text/plain',
            size: Buffer.byteLength(body),
            sha256: '',
            storageKey,
            status: 'ready',
          },
        });
      }
    }
    for (let from = 0; from < MEMORIES; from += 200) {
      await ada.pkb.claims.bulkCreate({
        claims: Array.from({ length: Math.min(200, MEMORIES - from) }, (_, i) => ({
          statement: `${TEXT.words(from + i, 10).join(' ')} (memory ${String(from + i)})`,
          type: 'fact' as const,
        })),
      });
    }

    let text = '';
    let longestStretch = 0;
    let last = performance.now();
    const started = last;
    for await (const piece of streamAccountExport({ services, user })) {
      const now = performance.now();
      longestStretch = Math.max(longestStretch, now - last);
      text += piece;
      // What the HTTP route does between pieces: hand the loop back while the socket drains.
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
    const exportMs = performance.now() - started;
    const megabytes = (Buffer.byteLength(text) / 2 ** 20).toFixed(1);

    const form = new FormData();
    form.set('file', new File([text], 'margin-account.json'));
    const importStarted = performance.now();
    const result = await bob.account.import(form);
    const importMs = performance.now() - importStarted;
    if (result.conversations.created !== CONVERSATIONS)
      throw new Error(`import created ${String(result.conversations.created)} conversations`);
    const size = `${String(CONVERSATIONS)} conversations, ${String((CONVERSATIONS * MESSAGES_PER_CONVERSATION) / 1000)}k messages, ${String(DOCUMENTS)} documents, ${String(MEMORIES)} memories (${megabytes} MB)`;
    return [
      {
        what: `Account export, ${size}`,
        measured: ms(exportMs),
        budget: 'informational',
        pass: undefined,
      },
      {
        what: 'Account export: longest stretch without yielding (other requests wait this long)',
        measured: ms(longestStretch),
        budget: 'informational',
        pass: undefined,
      },
      {
        what: 'Account import of that file into another account (checks, files, one transaction)',
        measured: ms(importMs),
        budget: 'informational',
        pass: undefined,
      },
    ];
  } finally {
    await services.jobs.shutdown();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
