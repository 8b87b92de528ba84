import { describe, expect, it } from 'vitest';

import { decodeText } from './decode.js';
import { DocumentRejected } from './errors.js';
import { extractDocument } from './extract.js';
import { markdownTitle } from './text.js';

const enc = (text: string) => new TextEncoder().encode(text);

describe('Markdown and text extraction', () => {
  it('keeps Markdown as written, strips the BOM, and titles it from the first # heading', async () => {
    const source =
      '\uFEFFintro line\n\n# The **Real** Title\n\nBody with [a link](https://x.y).\r\n';
    const doc = await extractDocument({
      bytes: enc(source),
      kind: 'markdown',
      filename: 'notes.md',
      mimeType: 'text/markdown',
    });
    expect(doc.pages).toEqual([
      { page: 1, text: 'intro line\n\n# The **Real** Title\n\nBody with [a link](https://x.y).\n' },
    ]);
    expect(doc.title).toBe('The Real Title');
  });

  it('finds titles in front matter, setext headings, or the first line', () => {
    expect(markdownTitle('---\ntitle: "From Front Matter"\n---\n# Other\n')).toBe(
      'From Front Matter',
    );
    expect(markdownTitle('Setext Title\n============\n\ntext')).toBe('Setext Title');
    expect(markdownTitle('## Sub heading only\ntext')).toBe('Sub heading only');
    expect(markdownTitle('\n\n  plain first line  \nmore')).toBe('plain first line');
    expect(markdownTitle('----\n')).toBeUndefined();
  });

  it('titles plain text from its first line, capped at 200 characters', async () => {
    const long = `${'word '.repeat(80)}\nsecond`;
    const doc = await extractDocument({
      bytes: enc(long),
      kind: 'text',
      filename: 'a.txt',
      mimeType: 'text/plain',
    });
    expect(doc.title?.length).toBeLessThanOrEqual(200);
    expect(doc.title?.endsWith('…')).toBe(true);
    const short = await extractDocument({
      bytes: enc('\n  Hello there  \nbody'),
      kind: 'text',
      filename: 'a.txt',
      mimeType: 'text/plain',
    });
    expect(short.title).toBe('Hello there');
  });

  it('rejects binary data with a text name, and empty text', async () => {
    const binary = new Uint8Array([0x68, 0x69, 0x00, 0x01, 0x02]);
    const run = extractDocument({
      bytes: binary,
      kind: 'text',
      filename: 'a.txt',
      mimeType: 'text/plain',
    });
    await expect(run).rejects.toBeInstanceOf(DocumentRejected);
    await expect(run).rejects.toThrow(/binary data/);
    await expect(
      extractDocument({
        bytes: enc(' \n\t\n'),
        kind: 'text',
        filename: 'a.txt',
        mimeType: 'text/plain',
      }),
    ).rejects.toThrow('This file has no text in it.');
  });

  it('decodes UTF-16, declared charsets and legacy Windows-1252', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('héllo', 'utf16le')]);
    expect(decodeText(utf16)).toBe('héllo');
    expect(decodeText(new Uint8Array(Buffer.from('caf\u00e9', 'latin1')))).toBe('café');
    expect(decodeText(new Uint8Array([0x93, 0x71, 0x94]))).toBe('“q”');
    expect(
      decodeText(new Uint8Array(Buffer.from('\u00e9', 'latin1')), 'text/plain; charset=iso-8859-1'),
    ).toBe('é');
    expect(decodeText(enc('plain ✓'))).toBe('plain ✓');
  });
});
