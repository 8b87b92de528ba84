import { describe, expect, it } from 'vitest';

import { extractDocument } from './extract.js';
import { domToText } from './html.js';

const enc = (text: string) => new TextEncoder().encode(text);
const htmlArgs = (html: string | Uint8Array, mimeType = 'text/html') => ({
  bytes: typeof html === 'string' ? enc(html) : html,
  kind: 'html' as const,
  filename: 'page.html',
  mimeType,
});

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Sentence ${i} talks about retrieval and search quality.`,
  ).join(' ');

describe('HTML extraction', () => {
  it('keeps the article, drops navigation and scripts, and never runs them', async () => {
    const marker = `pwned${Date.now()}`;
    const html = `<!doctype html><html><head><title>Retrieval notes | Example Blog</title>
      <script>globalThis.${marker} = true</script><style>p { color: red }</style></head>
      <body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
      <article><h1>Retrieval notes</h1><p>${prose(12)}</p><p>Second paragraph: ${prose(8)}</p>
      <ul><li>first point</li><li>second point</li></ul>
      <script>document.write('injected text')</script></article>
      <footer>Copyright footer</footer></body></html>`;
    const doc = await extractDocument(htmlArgs(html));
    const text = doc.pages[0]?.text ?? '';
    expect(doc.pages).toHaveLength(1);
    expect(text).toContain('Sentence 11 talks about retrieval');
    expect(text).toContain('- first point\n- second point');
    expect(text).toMatch(/quality\.\n\nSecond paragraph/);
    expect(text).not.toContain('injected text');
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('About us');
    expect(doc.title).toMatch(/^Retrieval notes/);
    expect(Reflect.get(globalThis, marker)).toBeUndefined();
  });

  it('falls back to the body text when Readability finds no article', async () => {
    const doc = await extractDocument(htmlArgs('<p>Just a short fragment.</p><p>Two.</p>'));
    expect(doc.pages[0]?.text).toBe('Just a short fragment.\n\nTwo.');
    expect(doc.title).toBe('Just a short fragment.');
  });

  it('uses <title> when the article has none', async () => {
    const doc = await extractDocument(
      htmlArgs(
        '<html><head><title>Only Title</title></head><body><div>Body text</div></body></html>',
      ),
    );
    expect(doc.title).toBe('Only Title');
    expect(doc.pages[0]?.text).toContain('Body text');
  });

  it('decodes the charset declared in a meta tag', async () => {
    const latin1 = Buffer.from(
      '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e</p></body></html>',
      'latin1',
    );
    const doc = await extractDocument(htmlArgs(new Uint8Array(latin1)));
    expect(doc.pages[0]?.text).toContain('Crème brûlée');
    expect(doc.title).toBe('Café');
  });

  it('rejects a page with no text', async () => {
    await expect(
      extractDocument(htmlArgs('<html><body><script>x()</script></body></html>')),
    ).rejects.toThrow(/no readable text/);
  });

  it('renders tables and line breaks readably', () => {
    const { document } = {
      document: {
        nodeType: 1,
        nodeName: 'DIV',
        nodeValue: null,
        childNodes: [
          { nodeType: 3, nodeName: '#text', nodeValue: 'line one', childNodes: [] },
          { nodeType: 1, nodeName: 'BR', nodeValue: null, childNodes: [] },
          { nodeType: 3, nodeName: '#text', nodeValue: '   line   two ', childNodes: [] },
        ],
      },
    };
    expect(domToText(document)).toBe('line one\nline two');
  });
});
