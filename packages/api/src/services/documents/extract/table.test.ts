import { describe, expect, it } from 'vitest';

import { DocumentRejected } from './errors.js';
import { extractDocument } from './extract.js';

const enc = (text: string) => new TextEncoder().encode(text);

describe('CSV, TSV and JSON', () => {
  it('renders CSV rows as searchable lines and previews the first 20 rows', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},"Name, ${i}",${i % 2 ? '' : 'yes'}`);
    const csv = `id,name,flag\r\n${rows.join('\r\n')}\r\n`;
    const doc = await extractDocument({
      bytes: enc(csv),
      kind: 'csv',
      filename: 'people.csv',
      mimeType: 'text/csv',
    });
    const lines = doc.pages[0]?.text.split('\n') ?? [];
    expect(lines).toHaveLength(25);
    expect(lines[0]).toBe('id: 0; name: Name, 0; flag: yes');
    expect(lines[1]).toBe('id: 1; name: Name, 1');
    expect(doc.preview?.columns).toEqual(['id', 'name', 'flag']);
    expect(doc.preview?.rows).toHaveLength(20);
    expect(doc.preview?.rows[1]).toEqual(['1', 'Name, 1', '']);
    expect(doc.preview?.totalRows).toBe(25);
    expect(doc.title).toBe('people');
  });

  it('reads TSV with tabs, and names blank or repeated headers', async () => {
    const doc = await extractDocument({
      bytes: enc('a\t\ta\nx, y\t2\t3\n'),
      kind: 'csv',
      filename: 'data.tsv',
      mimeType: 'text/tab-separated-values',
    });
    expect(doc.preview).toEqual({
      columns: ['a', 'Column 2', 'a (2)'],
      rows: [['x, y', '2', '3']],
      totalRows: 1,
    });
  });

  it('turns a JSON array of objects into a table', async () => {
    const json = JSON.stringify([
      { city: 'Oslo', pop: 700000, tags: ['cold'] },
      { city: 'Lima', country: 'Peru', pop: null },
    ]);
    const doc = await extractDocument({
      bytes: enc(json),
      kind: 'json',
      filename: 'cities.json',
      mimeType: 'application/json',
    });
    expect(doc.preview).toEqual({
      columns: ['city', 'pop', 'tags', 'country'],
      rows: [
        ['Oslo', '700000', '["cold"]', ''],
        ['Lima', '', '', 'Peru'],
      ],
      totalRows: 2,
    });
    expect(doc.pages[0]?.text).toBe(
      'city: Oslo; pop: 700000; tags: ["cold"]\ncity: Lima; country: Peru',
    );
  });

  it('pretty-prints other JSON, without a preview', async () => {
    const doc = await extractDocument({
      bytes: enc('{"a":{"b":[1,2]}}'),
      kind: 'json',
      filename: 'x.json',
      mimeType: 'application/json',
    });
    expect(doc.preview).toBeUndefined();
    expect(doc.pages[0]?.text).toBe('{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}');
  });

  it('rejects invalid JSON with a clear message', async () => {
    const run = extractDocument({
      bytes: enc('{"a": '),
      kind: 'json',
      filename: 'x.json',
      mimeType: 'application/json',
    });
    await expect(run).rejects.toBeInstanceOf(DocumentRejected);
    await expect(run).rejects.toThrow(/not valid JSON/);
  });
});
