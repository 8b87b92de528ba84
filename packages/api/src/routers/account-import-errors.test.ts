import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot } from '../security/call-helpers.js';
import { documentsDir } from '../services/documents/storage.js';
import { exportOf, importFile, seedAccount } from '../testing/account.js';
import { trpcErrorOf } from '../testing/expect-trpc.js';
import { signUp, type SignedIn } from '../testing/fixtures.js';
import { createTestHarness, type TestHarness } from '../testing/harness.js';

let h: TestHarness;
let ada: SignedIn;
let bob: SignedIn;
/** Ada's export, parsed: each case damages a copy. */
let base: Record<string, unknown>;

beforeEach(async () => {
  h = createTestHarness({ accountImportMaxBytes: 1024 * 1024 });
  ada = await signUp(h, 'ada@example.com');
  bob = await signUp(h, 'bob@example.com');
  await seedAccount(h, ada);
  base = JSON.parse(await exportOf(h, ada)) as Record<string, unknown>;
});
afterEach(() => h.close());

type Json = Record<string, unknown> & { conversations: Conversation[] };
type Conversation = Record<string, unknown> & {
  messages: Record<string, unknown>[];
  doubts: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  memoryPins: Record<string, unknown>[];
};

function damaged(change: (data: Json) => void): string {
  const copy = structuredClone(base) as Json;
  change(copy);
  return JSON.stringify(copy);
}

function first<T>(list: T[]): T {
  const item = list[0];
  if (item === undefined) throw new Error('fixture is missing an item');
  return item;
}

const files = () => {
  try {
    return readdirSync(documentsDir(h.services.config.documents.filesDir)).sort();
  } catch {
    return [];
  }
};

/** Each bad file: BAD_REQUEST whose message says what is wrong, and nothing written. */
const cases: [string, () => string | Uint8Array, RegExp][] = [
  ['not JSON', () => '{"format": "margin-account", ', /not JSON/],
  ['not UTF-8', () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
  ['a JSON array', () => '[]', /not a Margin account export/],
  ['a memory export', () => JSON.stringify({ format: 'margin-pkb', version: 1 }), /Memory page/],
  ['a newer version', () => damaged((d) => (d.version = 2)), /version 2 .*reads version 1/],
  [
    'a message with an unknown role',
    () => damaged((d) => (first(first(d.conversations).messages).role = 'system')),
    /conversations\[0\]\.messages\[0\]\.role/,
  ],
  [
    'a message far too long',
    () => damaged((d) => (first(first(d.conversations).messages).content = 'x'.repeat(200_001))),
    /conversations\[0\]\.messages\[0\]\.content/,
  ],
  [
    'a prototype key as a workspace name',
    () =>
      JSON.stringify(base).replace(
        '"workspaces":[',
        '"workspaces":[{"__proto__":{"isDefault":true}},',
      ),
    /workspaces\[0\]/,
  ],
  [
    'a conversation in a workspace not in the file',
    () => damaged((d) => (first(d.conversations).workspaceId = 'nowhere')),
    /workspace that is not in the file/,
  ],
  [
    'two messages with one id',
    () =>
      damaged((d) => {
        const [a, b] = first(d.conversations).messages;
        if (a && b) b.id = a.id;
      }),
    /Message id .* appears twice/,
  ],
  [
    'two messages at one position',
    () =>
      damaged((d) => {
        const [a, b] = first(d.conversations).messages;
        if (a && b) b.position = a.position;
      }),
    /message position .* appears twice/,
  ],
  [
    'a doubt about a message elsewhere',
    () => damaged((d) => (first(first(d.conversations).doubts).messageId = 'elsewhere')),
    /not in that conversation/,
  ],
  [
    'doubts that follow up each other',
    () =>
      damaged((d) => {
        const [a, b] = first(d.conversations).doubts;
        if (a && b) {
          a.parentId = b.id;
          b.parentId = a.id;
        }
      }),
    /cycle/,
  ],
  [
    'a pin of a memory not in the file',
    () =>
      damaged((d) => (first(d.conversations).memoryPins = [{ claimId: 'gone', mode: 'pinned' }])),
    /memory that is not in the file/,
  ],
  [
    'document bytes that are not base64',
    () => damaged((d) => (first(first(d.conversations).documents).content = '<<not base64>>')),
    /base64/,
  ],
  [
    'a document of a type uploads refuse',
    () =>
      damaged((d) => {
        const doc = first(first(d.conversations).documents);
        doc.filename = 'run.exe';
        doc.content = Buffer.from('MZ\x90\x00binary').toString('base64');
      }),
    /run\.exe/,
  ],
  [
    'a workspace inside itself',
    () =>
      damaged((d) => {
        const ws = (d.workspaces as Record<string, unknown>[]).find((w) => w.name === 'Thesis');
        if (ws) ws.parentId = ws.id;
      }),
    /cycle/,
  ],
  [
    'memory-use scores of the wrong type (the page would render them)',
    () =>
      damaged((d) => {
        const answer = first(d.conversations).messages[1] as { memoryUses: { why: unknown }[] };
        first(answer.memoryUses).why = { fts: 'first', rrf: 0 };
      }),
    /conversations\[0\]\.messages\[1\]\.memoryUses\[0\]\.why\.fts/,
  ],
  [
    'a document address that is not a web address (the viewer links to it)',
    () =>
      damaged((d) => (first(first(d.conversations).documents).sourceUrl = 'javascript:alert(1)')),
    /documents\[0\]\.sourceUrl: Enter a full web address/,
  ],
  [
    'a prompt without content',
    () => damaged((d) => (first(d.prompts as Record<string, unknown>[]).content = '  ')),
    /prompts\[0\]\.content: A prompt needs some content/,
  ],
  [
    'a file over the size limit',
    () => JSON.stringify({ pad: 'x'.repeat(1100 * 1024) }),
    /larger than/,
  ],
  ['an empty file', () => '', /empty/],
];

describe('account.import refuses a bad file and writes nothing', () => {
  it.each(cases)('%s', async (_name, make, message) => {
    const before = snapshot(h.dbHandle);
    const filesBefore = files();
    const err = await trpcErrorOf(importFile(bob, make()));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(message);
    expect(snapshot(h.dbHandle)).toBe(before);
    expect(files()).toEqual(filesBefore);
  });

  it('asks for a file when the form has none', async () => {
    const err = await trpcErrorOf(bob.client.api.account.import(new FormData()));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/Choose the export file/);
  });

  it('needs a session', async () => {
    const form = new FormData();
    form.set('file', new File([JSON.stringify(base)], 'a.json'));
    const err = await trpcErrorOf(h.client().api.account.import(form));
    expect(err.code).toBe('UNAUTHORIZED');
  });

  it('removes the files it wrote when the transaction fails', async () => {
    // A checked file does not fail inside the transaction; a trigger makes it, after the
    // document's bytes are on disk.
    h.dbHandle.sqlite.exec(
      `CREATE TRIGGER refuse_doubts BEFORE INSERT ON doubts BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    const before = snapshot(h.dbHandle);
    const filesBefore = files();
    await expect(importFile(bob, JSON.stringify(base))).rejects.toThrow();
    expect(snapshot(h.dbHandle)).toBe(before);
    expect(files()).toEqual(filesBefore);
  });
});
