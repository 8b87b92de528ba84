import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DocumentRejected } from './errors.js';
import { makePdf } from './fixtures/make-pdf.js';
import {
  fetchPublicUrl,
  fetchWithPolicy,
  filenameFromDisposition,
  resolvePublicTarget,
} from './url-fetch.js';
import type { FetchOptions } from './types.js';

const PRIVATE = 'That address points to a private network, which Margin does not fetch.';
const PDF = makePdf(['Fetched PDF text']);
const HTML = '<!doctype html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>';

let server: http.Server;
let base = '';
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const redirect = /^\/r\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n > 0 ? `/r/${n - 1}` : '/page' }).end();
    } else if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end(HTML);
    } else if (path === '/papers/tracing') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    } else if (path === '/download') {
      res
        .writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="fallback.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
        })
        .end(PDF);
    } else if (path === '/octet') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PDF);
    } else if (path === '/octet-junk') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('MZ junk');
    } else if (path === '/gzip') {
      res
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync(HTML));
    } else if (path === '/declared-big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000000' });
      res.write('<p>start</p>');
    } else if (path === '/stream-big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const block = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024 && !res.destroyed) {
          sent += block.length;
          if (!res.write(block)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (path === '/slow') {
      // Never answers.
    } else if (path === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end('png');
    } else if (path === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('nope');
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else {
      res.writeHead(500).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const local: FetchOptions = {
  maxBytes: 1024 * 1024,
  timeoutMs: 2000,
  maxRedirects: 5,
  allowPrivate: true,
};

async function rejection(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentRejected);
    return error instanceof Error ? error.message : '';
  }
  throw new Error('expected a DocumentRejected');
}

describe('fetchPublicUrl: address checks', () => {
  it('refuses the local server by default, before connecting', async () => {
    const before = hits;
    expect(await rejection(fetchPublicUrl(`${base}/page`, { ...local, allowPrivate: false }))).toBe(
      PRIVATE,
    );
    expect(hits).toBe(before);
  });

  it.each([
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://10.1.2.3/',
    'http://[::ffff:192.168.0.1]/',
    'http://localhost/',
  ])('refuses %s', async (url) => {
    expect(await rejection(fetchPublicUrl(url, { ...local, allowPrivate: false }))).toBe(PRIVATE);
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/x',
    'data:text/html,hi',
    'javascript:alert(1)',
    'gopher://x/',
  ])('refuses the %s scheme', async (url) => {
    expect(await rejection(fetchPublicUrl(url, local))).toMatch(
      /only fetches http:\/\/ and https:\/\/ addresses/,
    );
  });

  it('refuses what is not a URL', async () => {
    expect(await rejection(fetchPublicUrl('not a url', local))).toMatch(/not a valid web address/);
  });

  it('refuses a host when any of its DNS answers is private', async () => {
    const mixed = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
    await expect(
      resolvePublicTarget(new URL('http://rebind.example/'), false, mixed),
    ).rejects.toThrow(PRIVATE);
    await expect(
      resolvePublicTarget(new URL('http://ok.example/'), false, () =>
        Promise.resolve([{ address: '2606:4700::1111', family: 6 }]),
      ),
    ).resolves.toEqual([{ address: '2606:4700::1111', family: 6 }]);
    await expect(resolvePublicTarget(new URL('http://127.0.0.1:8080/'), false)).rejects.toThrow(
      PRIVATE,
    );
    await expect(resolvePublicTarget(new URL('http://8.8.8.8/'), false)).resolves.toEqual([
      { address: '8.8.8.8', family: 4 },
    ]);
  });

  it('checks every redirect hop again', async () => {
    // The first hop (the test server) is let through; the redirect to the cloud metadata
    // address must be refused by the same check, before any connection to it.
    const hopsSeen: string[] = [];
    const firstHopOnly = (url: URL, hop: number) => {
      hopsSeen.push(url.href);
      return hop === 0 ? resolvePublicTarget(url, true) : resolvePublicTarget(url, false);
    };
    expect(await rejection(fetchWithPolicy(`${base}/to-metadata`, local, firstHopOnly))).toBe(
      PRIVATE,
    );
    expect(hopsSeen).toEqual([`${base}/to-metadata`, 'http://169.254.169.254/latest/meta-data/']);
    // Even a redirect back to the same loopback server is checked, and refused, after hop 0.
    expect(await rejection(fetchWithPolicy(`${base}/r/1`, local, firstHopOnly))).toBe(PRIVATE);
  });
});

describe('fetchPublicUrl: fetching (local server, allowPrivate)', () => {
  it('fetches HTML with its content type and a file name', async () => {
    const page = await fetchPublicUrl(`${base}/page?x=1`, local);
    expect(new TextDecoder().decode(page.bytes)).toBe(HTML);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.finalUrl).toBe(`${base}/page?x=1`);
    expect(page.filename).toBe('page.html');
  });

  it('connects to a host name through the checked addresses', async () => {
    const port = (server.address() as AddressInfo).port;
    const page = await fetchPublicUrl(`http://localhost:${port}/page`, local);
    expect(page.filename).toBe('page.html');
  });

  it('fetches PDFs and names them from the path or Content-Disposition', async () => {
    const pdf = await fetchPublicUrl(`${base}/papers/tracing`, local);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('tracing.pdf');
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(PDF))).toBe(true);
    const named = await fetchPublicUrl(`${base}/download`, local);
    expect(named.filename).toBe('résumé.pdf');
  });

  it('recognises a PDF served as generic binary, and refuses other binary', async () => {
    const pdf = await fetchPublicUrl(`${base}/octet`, local);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('octet.pdf');
    expect(await rejection(fetchPublicUrl(`${base}/octet-junk`, local))).toMatch(/unknown type/);
  });

  it('decompresses gzip', async () => {
    const page = await fetchPublicUrl(`${base}/gzip`, local);
    expect(new TextDecoder().decode(page.bytes)).toBe(HTML);
  });

  it('refuses content types it does not index', async () => {
    expect(await rejection(fetchPublicUrl(`${base}/image`, local))).toMatch(
      /web pages, PDFs and text files; this address returns image\/png/,
    );
  });

  it('reports HTTP errors', async () => {
    expect(await rejection(fetchPublicUrl(`${base}/missing`, local))).toBe(
      'The site answered with an error (HTTP 404).',
    );
  });

  it('enforces the size limit, declared or streamed', async () => {
    expect(await rejection(fetchPublicUrl(`${base}/declared-big`, local))).toBe(
      'The page is larger than 1 MB.',
    );
    expect(
      await rejection(fetchPublicUrl(`${base}/stream-big`, { ...local, maxBytes: 512 * 1024 })),
    ).toBe('The page is larger than 512 KB.');
  });

  it('times out over the whole fetch', async () => {
    const started = Date.now();
    expect(await rejection(fetchPublicUrl(`${base}/slow`, { ...local, timeoutMs: 300 }))).toMatch(
      /took too long to answer \(more than 0\.3 s\)/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a lookup that never answers', async () => {
    const never = () => new Promise<never>(() => undefined);
    expect(
      await rejection(
        fetchWithPolicy('http://slow-dns.example/', { ...local, timeoutMs: 200 }, never),
      ),
    ).toMatch(/took too long/);
  });

  it('passes a caller abort through as is', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by user');
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      fetchPublicUrl(`${base}/slow`, { ...local, signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('follows redirects up to the limit', async () => {
    const page = await fetchPublicUrl(`${base}/r/3`, { ...local, maxRedirects: 4 });
    expect(page.finalUrl).toBe(`${base}/page`);
    expect(await rejection(fetchPublicUrl(`${base}/r/3`, { ...local, maxRedirects: 3 }))).toBe(
      'That address redirects too many times (more than 3).',
    );
    expect(await rejection(fetchPublicUrl(`${base}/r/0`, { ...local, maxRedirects: 0 }))).toMatch(
      /redirects too many times/,
    );
  });

  it('refuses a redirect to another scheme', async () => {
    expect(await rejection(fetchPublicUrl(`${base}/to-file`, local))).toMatch(
      /only fetches http:\/\/ and https:\/\/ addresses, not file:/,
    );
  });
});

describe('filenameFromDisposition', () => {
  it('prefers filename*, then filename', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''a%20b.pdf`)).toBe('a b.pdf');
    expect(filenameFromDisposition('inline; filename="q\\"uote.pdf"')).toBe('q"uote.pdf');
    expect(filenameFromDisposition('attachment; filename=plain.txt')).toBe('plain.txt');
    expect(filenameFromDisposition('attachment')).toBeUndefined();
    expect(filenameFromDisposition(undefined)).toBeUndefined();
  });
});
