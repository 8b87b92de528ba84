import { documentQueries, type DocumentRow } from '@margin/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness.js';
import { insertConversation, signUp, type SignedIn } from '../../testing/fixtures.js';
import { chunkPages } from './extract/index.js';
import { heuristicSummary } from './ingest.js';

let h: TestHarness;
let ada: SignedIn;
let conversationId: string;

beforeEach(async () => {
  h = createTestHarness();
  ada = await signUp(h, 'ada@example.com');
  conversationId = insertConversation(h, ada.user.id).id;
});
afterEach(() => h.close());

/** Uploads `text` as a .txt file and waits for its indexing job to end. */
async function index(text: string): Promise<DocumentRow> {
  const fd = new FormData();
  fd.set('conversationId', conversationId);
  fd.set('file', new File([text], 'long.txt', { type: 'text/plain' }));
  const res = await ada.client.api.documents.upload(fd);
  // Reading the stream to its end waits for the job.
  for await (const _ of await ada.client.api.jobs.follow({ jobId: res.jobId }));
  await h.services.jobs.settled(res.jobId);
  const row = documentQueries.findDocument({ db: h.services.db, id: res.documentId });
  if (!row) throw new Error('document missing');
  return row;
}

function count(table: string, documentId: string): number {
  const row = h.dbHandle.sqlite
    .prepare(`select count(*) as n from ${table} where document_id = ?`)
    .get(documentId) as { n: number };
  return row.n;
}

/** Prose long enough for several transactions of chunks (a few hundred chunks each). */
function prose(sentences: number): string {
  const words = 'trace tree loop guard type record compile native exit side'.split(' ');
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const n = 6 + (i % 11);
    const s = Array.from({ length: n }, (_, w) => words[(i * 7 + w * 3) % words.length]);
    out.push(`${s.join(' ')} ${String(i)}.${i % 9 === 8 ? '\n\n' : ' '}`);
  }
  return out.join('').trim();
}

describe('indexing in batches', () => {
  it('writes exactly the chunks of chunkPages, with their counts, pages and FTS rows', async () => {
    const text = prose(40_000);
    const row = await index(text);
    const expected = chunkPages([{ page: 1, text }]);
    expect(expected.length).toBeGreaterThan(600);
    expect(row).toMatchObject({
      status: 'ready',
      chunkCount: expected.length,
      tokenCount: expected.reduce((n, c) => n + c.tokenCount, 0),
    });
    const stored = h.dbHandle.sqlite
      .prepare(
        `select position, page_start as pageStart, page_end as pageEnd, char_start as charStart,
                char_end as charEnd, token_count as tokenCount, text
         from document_chunks where document_id = ? order by position`,
      )
      .all(row.id);
    expect(stored).toEqual(expected);
    expect(documentQueries.listPages({ db: h.services.db, documentId: row.id })).toEqual([
      { page: 1, text },
    ]);
    const fts = h.dbHandle.sqlite
      .prepare(
        `select count(*) as n from document_chunks_fts f
         join document_chunks c on c.rowid = f.rowid where c.document_id = ?`,
      )
      .get(row.id) as { n: number };
    expect(fts.n).toBe(expected.length);
  });

  it('a failure after some batches were written leaves no chunks or pages behind', async () => {
    // The tokenizer refuses special tokens: chunking throws near the end of the text.
    const row = await index(`${prose(40_000)} <|endoftext|> the end.`);
    expect(row.status).toBe('failed');
    expect(row).toMatchObject({ chunkCount: 0, tokenCount: 0 });
    expect(count('document_chunks', row.id)).toBe(0);
    expect(count('document_pages', row.id)).toBe(0);
  });
});

describe('heuristicSummary', () => {
  /** The definition: the whole text collapsed, then cut. */
  function whole(text: string): string | null {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (!flat) return null;
    if (flat.length <= 300) return flat;
    const cut = flat.slice(0, 300);
    const space = cut.lastIndexOf(' ');
    return `${space > 150 ? cut.slice(0, space) : cut}…`;
  }

  it('reads only the start it needs, with the same result', () => {
    const texts = [
      '',
      '   \n ',
      'Short.',
      'word '.repeat(59) + 'end',
      'word '.repeat(61),
      `${' '.repeat(5000)}start ${'x'.repeat(400)}`,
      `a${' \n'.repeat(3000)}${'long '.repeat(1000)}`,
      'y'.repeat(2000),
      prose(2000),
    ];
    for (const text of texts) expect(heuristicSummary(text)).toBe(whole(text));
  });
});
