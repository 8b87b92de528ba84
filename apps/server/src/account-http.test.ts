/**
 * The account export download and the import upload over real HTTP: credentials, headers, the
 * streamed body, a token client's round trip, the import size limit and cross-site refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokenFor,
  startTestServer,
  tokenClient,
  type TestServer,
  type TokenClient,
} from './testing.js';

let server: TestServer;
let adaToken: string;
let ada: TokenClient;
let bob: TokenClient;

beforeAll(async () => {
  // A 1 MB import limit, so the 413 case stays small.
  server = await startTestServer({ MAX_IMPORT_MB: '1' });
  adaToken = await apiTokenFor(server.url, {
    email: 'ada@example.com',
    password: 'ada password 1',
    setup: true,
  });
  ada = tokenClient(server.url, adaToken);
  await ada.admin.users.create.mutate({ email: 'bob@example.com', password: 'bob password 1' });
  bob = tokenClient(
    server.url,
    await apiTokenFor(server.url, {
      email: 'bob@example.com',
      password: 'bob password 1',
      setup: false,
    }),
  );
  const conversation = await ada.conversations.create.mutate({ domain: 'assistant' });
  await ada.conversations.rename.mutate({ id: conversation.id, title: 'Exported over HTTP' });
  const form = new FormData();
  form.set('conversationId', conversation.id);
  form.set('file', new File(['Some notes to take along.'], 'notes.txt'));
  await ada.documents.upload.mutate(form);
});
afterAll(() => server.stop());

const download = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/files/account-export`, { headers });

function importForm(text: string): FormData {
  const form = new FormData();
  form.set('file', new File([text], 'margin-account.json', { type: 'application/json' }));
  return form;
}

describe('GET /files/account-export', () => {
  it('needs credentials', async () => {
    const res = await download();
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/Sign in/);
    expect((await download({ authorization: 'Bearer mgn_not_a_token' })).status).toBe(401);
  });

  it("downloads the caller's whole account as a JSON attachment", async () => {
    const res = await download({ authorization: `Bearer ${adaToken}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="margin-account-\d{4}-\d{2}-\d{2}\.json"/,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const data = (await res.json()) as {
      format: string;
      account: { email: string };
      conversations: { title: string; documents: { content: string }[] }[];
    };
    expect(data.format).toBe('margin-account');
    expect(data.account.email).toBe('ada@example.com');
    expect(data.conversations.map((c) => c.title)).toEqual(['Exported over HTTP']);
    expect(
      Buffer.from(data.conversations[0]?.documents[0]?.content ?? '', 'base64').toString(),
    ).toBe('Some notes to take along.');
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(`${server.url}/files/account-export`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${adaToken}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('account.import over HTTP', () => {
  it("takes a download back in through a script's client", async () => {
    const text = await (await download({ authorization: `Bearer ${adaToken}` })).text();
    const result = await bob.account.import.mutate(importForm(text));
    expect(result.conversations).toEqual({ created: 1, existing: 0 });
    expect(result.documents).toEqual({ created: 1, reindexing: 1 });
    const list = await bob.conversations.list.query({ domain: 'assistant' });
    expect(list.items.map((c) => c.title)).toEqual(['Exported over HTTP']);
    expect((await bob.account.import.mutate(importForm(text))).conversations).toEqual({
      created: 0,
      existing: 1,
    });
  });

  it('refuses a body over MAX_IMPORT_MB with 413 before reading it', async () => {
    const res = await fetch(`${server.url}/trpc/account.import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adaToken}` },
      body: importForm(JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) })),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a cross-site form post that carries the session cookie', async () => {
    const signIn = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ json: { email: 'bob@example.com', password: 'bob password 1' } }),
    });
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const before = await bob.account.summary.query();
    const text = await (await download({ authorization: `Bearer ${adaToken}` })).text();
    const res = await fetch(`${server.url}/trpc/account.import`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: importForm(text.replace(/"id":"/g, '"id":"x')),
    });
    expect(res.status).toBe(403);
    expect(await bob.account.summary.query()).toEqual(before);
  });
});
