import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, parseRange, presentation } from './files.js';
import { apiTokenFor, startTestServer, type TestServer } from './testing.js';

function fixture(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Fixture ${name} not found above this test file`);
    dir = parent;
  }
}

let server: TestServer;
const admin = { email: 'admin@example.com', password: 'admin password 1' };
const bob = { email: 'bob@example.com', password: 'bob password 1' };
let adminCookie: string;
let bobCookie: string;
let conversationId: string;

interface TrpcOk<T> {
  result: { data: { json: T } };
}
interface TrpcErr {
  error: { json: { message: string; data: { code: string } } };
}

async function call<T>(
  path: string,
  input: unknown,
  { cookie, method = 'POST' }: { cookie?: string; method?: 'GET' | 'POST' } = {},
): Promise<T> {
  const headers: Record<string, string> = { origin: server.url };
  if (cookie) headers.cookie = cookie;
  const res =
    method === 'GET'
      ? await fetch(
          `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
          { headers },
        )
      : await fetch(`${server.url}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ json: input }),
        });
  const body = (await res.json()) as TrpcOk<T> | TrpcErr;
  if ('error' in body)
    throw new Error(`${path}: ${body.error.json.data.code} ${body.error.json.message}`);
  return body.result.data.json;
}

async function signIn(path: 'auth.setup' | 'auth.login', who: typeof admin): Promise<string> {
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ json: who }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

async function upload(
  name: string,
  content: string | Uint8Array,
  { cookie = adminCookie, origin = server.url }: { cookie?: string; origin?: string | null } = {},
): Promise<Response> {
  const fd = new FormData();
  fd.set('conversationId', conversationId);
  fd.set('file', new File([content], name));
  const headers: Record<string, string> = { cookie };
  if (origin) headers.origin = origin;
  return fetch(`${server.url}/trpc/documents.upload`, { method: 'POST', headers, body: fd });
}

async function uploadReady(name: string, content: string | Uint8Array): Promise<string> {
  const res = await upload(name, content);
  expect(res.status).toBe(200);
  const { result } = (await res.json()) as TrpcOk<{ documentId: string; jobId: string }>;
  await server.services.jobs.settled(result.data.json.jobId);
  return result.data.json.documentId;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

beforeAll(async () => {
  server = await startTestServer();
  adminCookie = await signIn('auth.setup', { ...admin });
  await call('admin.users.create', bob, { cookie: adminCookie });
  bobCookie = await signIn('auth.login', bob);
  conversationId = (
    await call<{ id: string }>(
      'conversations.create',
      { domain: 'assistant' },
      { cookie: adminCookie },
    )
  ).id;
});
afterAll(() => server.stop());

describe('documents over HTTP', () => {
  it('uploads over real multipart and serves the bytes to the owner as an attachment', async () => {
    const id = await uploadReady('résumé notes.txt', 'plain text body\n');
    const res = await get(`/files/documents/${id}`, { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('plain text body\n');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ notes.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20notes.txt`,
    );
    expect(res.headers.get('content-length')).toBe('16');

    const inline = await get(`/files/documents/${id}?inline=1`, { cookie: adminCookie });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(inline.headers.get('content-type')).toBe('text/plain; charset=utf-8');

    const head = await fetch(`${server.url}/files/documents/${id}`, {
      method: 'HEAD',
      headers: { cookie: adminCookie },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('16');
  });

  it('serves a PDF inline, with byte ranges', async () => {
    const bytes = readFileSync(fixture('tracemonkey-pldi-09.pdf'));
    const id = await uploadReady('paper.pdf', bytes);
    const res = await get(`/files/documents/${id}?inline=1`, { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="paper.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await get(`/files/documents/${id}`, { cookie: adminCookie, range: 'bytes=0-4' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-4/${bytes.byteLength}`);
    expect(await part.text()).toBe('%PDF-');
    const bad = await get(`/files/documents/${id}`, {
      cookie: adminCookie,
      range: `bytes=${bytes.byteLength}-`,
    });
    expect(bad.status).toBe(416);
  });

  it('never renders HTML inline', async () => {
    const id = await uploadReady(
      'page.html',
      '<!doctype html><html><head><title>X</title></head><body><p>Hello there, this is a page with a paragraph of text.</p><script>alert(1)</script></body></html>',
    );
    const inline = await get(`/files/documents/${id}?inline=1`, { cookie: adminCookie });
    expect(inline.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const download = await get(`/files/documents/${id}`, { cookie: adminCookie });
    expect(download.headers.get('content-type')).toMatch(/^text\/html/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(download.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('is owner-only: other users and unknown ids get 404, no credentials 401; tokens work', async () => {
    const id = await uploadReady('secret.txt', 'owner only');
    expect((await get(`/files/documents/${id}`, { cookie: bobCookie })).status).toBe(404);
    expect((await get('/files/documents/not-a-document', { cookie: adminCookie })).status).toBe(
      404,
    );
    expect((await get(`/files/documents/${id}`)).status).toBe(401);
    expect((await get(`/files/documents/${id}`, { cookie: 'margin_session=forged' })).status).toBe(
      401,
    );
    const token = await apiTokenFor(server.url, { ...admin, setup: false });
    const viaToken = await get(`/files/documents/${id}`, { authorization: `Bearer ${token}` });
    expect(viaToken.status).toBe(200);
    expect(await viaToken.text()).toBe('owner only');
    expect(
      (await get('/files/documents/..%2F..%2Fetc%2Fpasswd', { cookie: adminCookie })).status,
    ).toBe(404);
    expect((await fetch(`${server.url}/files/documents/${id}`, { method: 'DELETE' })).status).toBe(
      405,
    );
  });

  it('upload needs the CSRF Origin for cookie auth, and respects ownership', async () => {
    const noOrigin = await upload('x.txt', 'csrf', { origin: null });
    expect(noOrigin.status).toBe(403);
    const foreign = await upload('x.txt', 'not yours', { cookie: bobCookie });
    expect(foreign.status).toBe(404);
    const empty = await upload('empty.txt', '');
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as TrpcErr;
    expect(body.error.json.message).toBe('The file is empty.');
  });

  it('accepts multipart bodies beyond the JSON limit, but not JSON bodies', async () => {
    const big = 'lorem ipsum dolor sit amet '.repeat(85_000); // ~2.3 MB, over the JSON limit
    const id = await uploadReady('big.txt', big);
    const res = await get(`/files/documents/${id}`, { cookie: adminCookie });
    expect((await res.text()).length).toBe(big.length);
    const json = await fetch(`${server.url}/trpc/conversations.rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: adminCookie },
      body: JSON.stringify({ json: { id: conversationId, title: big } }),
    });
    expect(json.status).toBe(413);
    const error = (await json.json()) as { error: { json: { message: string } } };
    expect(error.error.json.message).toBe(
      'The request is larger than 2 MB, the most this server accepts.',
    );
  });

  it('a shared conversation’s documents download without an account until unshared', async () => {
    const id = await uploadReady('shared.txt', 'for everyone');
    const { token } = await call<{ token: string }>(
      'conversations.share',
      { id: conversationId },
      { cookie: adminCookie },
    );
    const res = await get(`/files/shared/${token}/documents/${id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('for everyone');
    expect((await get(`/files/shared/wrong-token/documents/${id}`)).status).toBe(404);
    await call('conversations.unshare', { id: conversationId }, { cookie: adminCookie });
    expect((await get(`/files/shared/${token}/documents/${id}`)).status).toBe(404);
  });

  it('deleting the document removes the file: 404 afterwards', async () => {
    const id = await uploadReady('gone.txt', 'soon gone');
    await call('documents.delete', { id }, { cookie: adminCookie });
    expect((await get(`/files/documents/${id}`, { cookie: adminCookie })).status).toBe(404);
  });
});

describe('file response helpers', () => {
  it('encodes names for Content-Disposition', () => {
    expect(contentDisposition('attachment', 'a "b"; c.txt')).toBe(
      `attachment; filename="a _b__ c.txt"; filename*=UTF-8''a%20%22b%22%3B%20c.txt`,
    );
    expect(contentDisposition('inline', "it's (1).pdf")).toBe(
      `inline; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });

  it('only renders safe types inline', () => {
    expect(presentation('application/pdf', true)).toEqual({
      contentType: 'application/pdf',
      disposition: 'inline',
    });
    expect(presentation('image/svg+xml', true).disposition).toBe('attachment');
    expect(presentation('text/html', true)).toEqual({
      contentType: 'text/plain; charset=utf-8',
      disposition: 'inline',
    });
    expect(
      presentation('application/vnd.openxmlformats-officedocument.wordprocessingml.document', true)
        .disposition,
    ).toBe('attachment');
    expect(presentation('image/png', false).disposition).toBe('attachment');
  });

  it('parses single byte ranges', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('invalid');
    expect(parseRange('bytes=1-2,4-5', 10)).toBeUndefined();
  });
});
