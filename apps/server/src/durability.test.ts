/**
 * Durability, tested as it happens in production: the built server in a child process is killed
 * with SIGKILL mid-stream, mid-upload and mid-indexing, then started again on the same DATA_DIR.
 * Nothing is lost or left half-done: the partial answer is kept as `interrupted`, the document is
 * `failed` with a way forward, no file is orphaned, the database passes `integrity_check`. Then a
 * backup taken while the server runs is restored into a fresh DATA_DIR and serves the same data.
 */
import { startFakeOpenAI, type FakeOpenAI } from '@margin/api/testing';
import { documents, integrityCheck, openDb } from '@margin/db';
import type { JobEvent } from '@margin/shared';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server.js';
import { apiTokenFor, tokenClient, type TokenClient } from './testing.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ADMIN = { email: 'dura@example.com', password: 'survives a crash 1' };

let fake: FakeOpenAI;
const dirs: string[] = [];
const servers: BuiltServer[] = [];

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'margin-durability-'));
  dirs.push(dir);
  return dir;
}

async function startServer(dataDir: string): Promise<BuiltServer> {
  const server = await startBuiltServer({
    dataDir,
    env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'k', MODEL_CHAT: 'fake-chat' },
  });
  servers.push(server);
  return server;
}

const run = promisify(execFile);
const cli = (dataDir: string, args: string[]) =>
  run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, DATA_DIR: dataDir } });

function follow(api: TokenClient, jobId: string, onEvent: (e: JobEvent) => void): () => void {
  const sub = api.jobs.follow.subscribe(
    { jobId, waitForStart: true },
    { onData: ({ data }) => onEvent(data), onError: () => undefined },
  );
  return () => sub.unsubscribe();
}

function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('timed out'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

/** Database checks with the server stopped: integrity, and files ⇄ rows both ways. */
function inspect(dataDir: string): { integrity: string; orphanFiles: string[]; missing: string[] } {
  const handle = openDb(join(dataDir, 'margin.db'));
  try {
    const keys = handle.db.select({ key: documents.storageKey }).from(documents).all();
    const dir = join(dataDir, 'files', 'documents');
    const onDisk = existsSync(dir) ? readdirSync(dir) : [];
    return {
      integrity: integrityCheck(handle),
      orphanFiles: onDisk.filter((f) => !keys.some((k) => k.key === f)),
      missing: keys.map((k) => k.key).filter((k) => !onDisk.includes(k)),
    };
  } finally {
    handle.close();
  }
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill9()));
  await fake.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('durability', { timeout: 120_000 }, () => {
  it('kill -9 mid-stream keeps the partial answer as interrupted', async () => {
    const dataDir = newDataDir();
    let server = await startServer(dataDir);
    const token = await apiTokenFor(server.url, { ...ADMIN, setup: true });
    let api = tokenClient(server.url, token);
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
    const words = Array.from({ length: 60 }, (_, i) => `word${String(i)} `);
    fake.script({ chunks: words, chunkDelayMs: 80 });
    const jobId = randomUUID();
    let streamed = '';
    const unsubscribe = follow(api, jobId, (e) => {
      if (e.type === 'delta') streamed += e.text;
    });
    const sent = await api.chat.send.mutate({
      conversationId: conversation.id,
      text: 'Count slowly',
      jobId,
    });
    // Long enough for the writer to have stored part of the answer (it flushes every ~250 ms).
    await waitFor(() => streamed.length > 60);
    await new Promise((r) => setTimeout(r, 400));
    await server.kill9();
    unsubscribe();

    server = await startServer(dataDir);
    api = tokenClient(server.url, token);
    const { items } = await api.messages.list.query({ conversationId: conversation.id });
    const answer = items.find((m) => m.id === sent.assistantMessageIds[0]);
    expect(answer?.status).toBe('interrupted');
    expect(answer?.content.length).toBeGreaterThan(20);
    expect(words.join('').startsWith(answer?.content ?? 'x')).toBe(true);
    expect(items.find((m) => m.id === sent.userMessageId)?.content).toBe('Count slowly');
    const job = await api.jobs.get.query({ jobId });
    expect(job.status).not.toBe('running');
    // No stale "reply running" lock: the conversation takes a new message at once.
    fake.script({ content: 'Back again.' });
    const again = await api.chat.send.mutate({ conversationId: conversation.id, text: 'Again?' });
    const events: JobEvent[] = [];
    follow(api, again.jobId, (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'done'));
    await server.stop();
    expect(inspect(dataDir).integrity).toBe('ok');
  });

  it('kill -9 mid-upload and mid-indexing leaves no orphan file and a document to re-index', async () => {
    const dataDir = newDataDir();
    let server = await startServer(dataDir);
    const token = await apiTokenFor(server.url, { ...ADMIN, setup: true });
    let api = tokenClient(server.url, token);
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });

    // A big text file: indexing takes seconds, long enough to be killed in the middle.
    const text = Array.from(
      { length: 300_000 },
      (_, i) => `Sentence ${String(i)} about durable storage.`,
    ).join(' ');
    const form = new FormData();
    form.set('conversationId', conversation.id);
    form.set('file', new File([text], 'big.txt', { type: 'text/plain' }));
    const uploaded = (await api.documents.upload.mutate(form)) as {
      documentId: string;
      jobId: string;
    };
    let indexing = false;
    follow(api, uploaded.jobId, (e) => {
      if (e.type === 'progress' || e.type === 'status') indexing = true;
    });
    await waitFor(() => indexing);

    // A second upload whose body stops half-way, still open when the server dies.
    const boundary = 'x-durability-boundary';
    const half = request(`${server.url}/trpc/documents.upload`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(4_000_000),
      },
    });
    half.on('error', () => undefined);
    half.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="conversationId"\r\n\r\n${conversation.id}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.txt"\r\nContent-Type: text/plain\r\n\r\n` +
        'half a file '.repeat(50_000),
    );
    await new Promise((r) => setTimeout(r, 300));
    await server.kill9();

    server = await startServer(dataDir);
    api = tokenClient(server.url, token);
    const list = await api.documents.list.query({ conversationId: conversation.id });
    expect(list.map((d) => d.filename)).toEqual(['big.txt']);
    const [doc] = list;
    expect(doc?.status).toBe('failed');
    expect(doc?.error).toMatch(/re-index/i);
    const { jobId } = await api.documents.reindex.mutate({ id: doc?.id ?? '' });
    const events: JobEvent[] = [];
    follow(api, jobId, (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'done' || e.type === 'error'), 60_000);
    expect(events.at(-1)?.type).toBe('done');
    await server.stop();
    expect(inspect(dataDir)).toEqual({ integrity: 'ok', orphanFiles: [], missing: [] });
  });

  it('a backup taken while running restores into a fresh DATA_DIR with the same data', async () => {
    const dataDir = newDataDir();
    const server = await startServer(dataDir);
    const token = await apiTokenFor(server.url, { ...ADMIN, setup: true });
    const api = tokenClient(server.url, token);
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });
    await api.conversations.rename.mutate({ id: conversation.id, title: 'Backed up' });
    const form = new FormData();
    form.set('conversationId', conversation.id);
    form.set('file', new File(['Keep me safe.'], 'keep.txt', { type: 'text/plain' }));
    const uploaded = (await api.documents.upload.mutate(form)) as {
      documentId: string;
      jobId: string;
    };
    const events: JobEvent[] = [];
    follow(api, uploaded.jobId, (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'done'));

    const target = join(newDataDir(), 'margin-backup.db');
    const backup = await cli(dataDir, ['backup', target]);
    expect(backup.stdout).toMatch(/integrity check ok/);
    await server.stop();

    const restoredDir = newDataDir();
    const restore = await cli(restoredDir, ['restore', target]);
    expect(restore.stdout).toMatch(/Restored/);
    const restored = await startServer(restoredDir);
    const api2 = tokenClient(restored.url, token);
    const got = await api2.conversations.get.query({ id: conversation.id });
    expect(got.title).toBe('Backed up');
    const file = await fetch(`${restored.url}/files/documents/${uploaded.documentId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await file.text()).toBe('Keep me safe.');
    await restored.stop();
    expect(inspect(restoredDir)).toEqual({ integrity: 'ok', orphanFiles: [], missing: [] });

    // Restoring over existing data keeps the old data aside instead of deleting it.
    const again = await cli(restoredDir, ['restore', target]);
    expect(again.stdout).toMatch(/previous data was kept/);
    expect(readdirSync(restoredDir).some((f) => f.startsWith('margin.db.before-restore-'))).toBe(
      true,
    );
    // A file that is not a database is refused and changes nothing.
    const bad = await cli(restoredDir, ['restore', CLI]).catch(
      (err: unknown) => err as { stderr: string },
    );
    expect(bad.stderr).toMatch(/not a Margin database|damaged/);
  });
});
