/**
 * Document ingestion (issue "Documents", Performance): pages per second for a 200-page PDF
 * without embeddings, and the server's peak RSS while it indexes a 50 MB text file. Both go
 * through the real path: multipart upload over HTTP, then the indexing job followed over SSE.
 */
import { makePdf } from '@margin/api/testing';
import type { JobEvent } from '@margin/shared';
import { openAsBlob, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { apiTokenFor, startTestServer, tokenClient, type TokenClient } from '../testing.js';
import { ms, type ReportRow } from './stats.js';

const PAGES = 200;
const BIG_FILE_MB = 50;

/** ~450 words per page of varied prose-like text, in lines a PDF page can hold. */
function pageText(page: number): string {
  const words =
    'tracing compiler loop guard type specialization trace tree interpreter record'.split(' ');
  const lines: string[] = [];
  for (let line = 0; line < 45; line++) {
    const parts: string[] = [];
    for (let w = 0; w < 10; w++) parts.push(words[(page * 7 + line * 3 + w) % words.length] ?? '');
    lines.push(`${parts.join(' ')} p${String(page)}l${String(line)}.`);
  }
  return lines.join('\n');
}

async function upload(
  url: string,
  token: string,
  conversationId: string,
  file: Blob,
  filename: string,
): Promise<{ documentId: string; jobId: string }> {
  const form = new FormData();
  form.set('conversationId', conversationId);
  form.set('file', file, filename);
  const res = await fetch(`${url}/trpc/documents.upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as {
    result?: { data: { json: { documentId: string; jobId: string } } };
  };
  if (!body.result) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.result.data.json;
}

/**
 * Peak RSS, sampled on a worker thread: a timer on the main thread cannot fire while the
 * indexing job runs synchronous work (chunking, a transaction), which is exactly when the peak is.
 */
function rssSampler(): { peak: () => number; stop: () => Promise<number> } {
  const peak = new Float64Array(new SharedArrayBuffer(8));
  peak[0] = process.memoryUsage.rss();
  const worker = new Worker(
    `const peak = new Float64Array(require('node:worker_threads').workerData);
     setInterval(() => { peak[0] = Math.max(peak[0], process.memoryUsage.rss()); }, 5);`,
    { eval: true, workerData: peak.buffer },
  );
  return { peak: () => peak[0] ?? 0, stop: () => worker.terminate() };
}

/**
 * CPU time of the process (all threads) since `since`: steadier than wall time on a busy
 * machine. Includes the client's share, and the RSS sampler's (negligible).
 */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function finished(api: TokenClient, jobId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = api.jobs.follow.subscribe(
      { jobId },
      {
        onData: ({ data }: { data: JobEvent }) => {
          if (data.type === 'done') {
            sub.unsubscribe();
            resolve();
          } else if (data.type === 'error' || data.type === 'cancelled') {
            sub.unsubscribe();
            reject(new Error(`indexing ended with ${data.type}`));
          }
        },
        onError: reject,
      },
    );
  });
}

export async function benchIngestion(): Promise<ReportRow[]> {
  const server = await startTestServer({}, (env) => {
    env.config.auth.requestsPerMinute = 1e9;
    env.config.documents.maxBytes = (BIG_FILE_MB + 1) * 1024 * 1024;
  });
  try {
    const token = await apiTokenFor(server.url, {
      email: 'bench@example.com',
      password: 'bench password 1',
      setup: true,
    });
    const api = tokenClient(server.url, token);
    const conversation = await api.conversations.create.mutate({ domain: 'assistant' });

    const pdf = makePdf(Array.from({ length: PAGES }, (_, i) => pageText(i + 1)));
    const pdfStart = performance.now();
    const pdfCpu = process.cpuUsage();
    const pdfJob = await upload(
      server.url,
      token,
      conversation.id,
      new Blob([pdf], { type: 'application/pdf' }),
      'two-hundred-pages.pdf',
    );
    await finished(api, pdfJob.jobId);
    const pdfMs = performance.now() - pdfStart;
    const pdfCpuMs = cpuMs(pdfCpu);

    const line = 'Trace trees record hot loops and specialise them by type with guards. ';
    const bigPath = join(server.dataDir, 'fifty-megabytes.txt');
    writeFileSync(bigPath, line.repeat(Math.ceil((BIG_FILE_MB * 1024 * 1024) / line.length)));
    // Sent from disk: an in-memory File and its multipart encoding cost the client ~240 MB of
    // the RSS the server shares with it, more than the server's own peak.
    const big = await openAsBlob(bigPath, { type: 'text/plain' });
    const before = process.memoryUsage().rss;
    const sampler = rssSampler();
    const bigStart = performance.now();
    const bigCpu = process.cpuUsage();
    const bigJob = await upload(server.url, token, conversation.id, big, 'fifty-megabytes.txt');
    const uploadMs = performance.now() - bigStart;
    await finished(api, bigJob.jobId);
    const bigMs = performance.now() - bigStart;
    const bigCpuMs = cpuMs(bigCpu);
    const peak = sampler.peak();
    await sampler.stop();
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    return [
      {
        what: `Ingestion of a ${String(PAGES)}-page PDF (${mb(pdf.byteLength)}) over HTTP, no embeddings: upload → ready`,
        measured: `${(PAGES / (pdfMs / 1000)).toFixed(0)} pages/s (${ms(pdfMs)}; CPU ${ms(pdfCpuMs)})`,
        budget: '—',
        pass: undefined,
      },
      {
        what: `Peak RSS of the server process while indexing a ${String(BIG_FILE_MB)} MB text file (${ms(bigMs)}: upload ${ms(uploadMs)}, indexing ${ms(bigMs - uploadMs)}, CPU ${ms(bigCpuMs)}; RSS before ${mb(before)}; client and server share the process; the client sends the file from disk)`,
        measured: `${mb(peak)} (+${mb(peak - before)})`,
        budget: '—',
        pass: undefined,
      },
    ];
  } finally {
    await server.stop();
  }
}
