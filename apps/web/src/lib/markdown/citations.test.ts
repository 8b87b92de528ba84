import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CitationContext, type CitationHandler } from './Citation';
import {
  CITATION_PROPERTY,
  citationLabel,
  citationsOf,
  rehypeDocCitations,
  splitCitations,
} from './citations';
import type { HastElement } from './hast';
import { Markdown } from './Markdown';

describe('splitCitations', () => {
  it('finds a page citation and keeps the text around it', () => {
    expect(splitCitations('Tracing JITs record hot loops [#doc_1 p.1].')).toEqual([
      { type: 'text', value: 'Tracing JITs record hot loops ' },
      { type: 'cite', refs: [{ ordinal: 1, page: 1 }] },
      { type: 'text', value: '.' },
    ]);
  });

  it('reads citations without a page, with ranges and with several references', () => {
    expect(splitCitations('[#doc_12]')).toEqual([{ type: 'cite', refs: [{ ordinal: 12 }] }]);
    expect(splitCitations('see [#doc_2 p.5–7]')[1]).toEqual({
      type: 'cite',
      refs: [{ ordinal: 2, page: 5, pageEnd: 7 }],
    });
    expect(splitCitations('[#doc_2 pp. 5-7]')[0]).toEqual({
      type: 'cite',
      refs: [{ ordinal: 2, page: 5, pageEnd: 7 }],
    });
    expect(splitCitations('[#doc_1 p.2; #doc_3 p.4]')).toEqual([
      {
        type: 'cite',
        refs: [
          { ordinal: 1, page: 2 },
          { ordinal: 3, page: 4 },
        ],
      },
    ]);
    expect(splitCitations('[#doc_1, p.9]')).toEqual([
      { type: 'cite', refs: [{ ordinal: 1, page: 9 }] },
    ]);
  });

  it('leaves other brackets, bare references and nonsense alone', () => {
    for (const text of [
      'Use #doc_1 for this',
      '[see #doc_1 p.2]',
      '[#doc_x p.1]',
      '[#doc_0]',
      '[#doc_1 p.]',
      'a [link](x)',
    ]) {
      const segments = splitCitations(text);
      expect(segments.every((s) => s.type === 'text')).toBe(true);
      expect(segments.map((s) => (s.type === 'text' ? s.value : '')).join('')).toBe(text);
    }
  });

  it('ignores an inverted range', () => {
    expect(splitCitations('[#doc_1 p.7–5]')).toEqual([
      { type: 'cite', refs: [{ ordinal: 1, page: 7 }] },
    ]);
  });
});

describe('citationLabel', () => {
  it('formats like the model writes it', () => {
    expect(citationLabel({ ordinal: 3 })).toBe('#doc_3');
    expect(citationLabel({ ordinal: 3, page: 2 })).toBe('#doc_3 p.2');
    expect(citationLabel({ ordinal: 3, page: 2, pageEnd: 4 })).toBe('#doc_3 p.2–4');
  });
});

function text(value: string) {
  return { type: 'text' as const, value };
}
function el(tagName: string, children: HastElement['children']): HastElement {
  return { type: 'element', tagName, properties: {}, children };
}

describe('rehypeDocCitations', () => {
  it('turns citations in text into <cite> elements, merging split text nodes', () => {
    const p = el('p', [text('Loops '), text('[#doc_1'), text(' p.1]'), text(' end')]);
    const tree = { type: 'root', children: [p] };
    rehypeDocCitations()(tree);
    expect(p.children).toHaveLength(3);
    const cite = p.children[1];
    expect(cite?.type === 'element' && cite.tagName).toBe('cite');
    expect(citationsOf(cite?.type === 'element' ? cite : undefined)).toEqual([
      { ordinal: 1, page: 1 },
    ]);
    expect(p.children[2]).toEqual(text(' end'));
  });

  it('does not touch code, links or math', () => {
    const code = el('code', [text('[#doc_1 p.1]')]);
    const link = el('a', [text('[#doc_2]')]);
    const tree = { type: 'root', children: [el('p', [code, link])] };
    rehypeDocCitations()(tree);
    expect(code.children).toEqual([text('[#doc_1 p.1]')]);
    expect(link.children).toEqual([text('[#doc_2]')]);
  });

  it('reads only well-formed markers back', () => {
    const foreign = el('cite', [text('A book')]);
    expect(citationsOf(foreign)).toBeNull();
    const bad: HastElement = { ...foreign, properties: { [CITATION_PROPERTY]: '{"x":1}' } };
    expect(citationsOf(bad)).toBeNull();
  });
});

describe('rendered citations', () => {
  const handler: CitationHandler = {
    open: () => undefined,
    titleOf: (ordinal) => (ordinal === 1 ? 'Trace-based JIT' : undefined),
  };
  const render = (text: string, withHandler = true) =>
    renderToStaticMarkup(
      createElement(
        CitationContext,
        { value: withHandler ? handler : null },
        createElement(Markdown, { text }),
      ),
    );

  it('becomes a button that names the document and page', () => {
    const html = render('Tracing JITs record hot loops [#doc_1 p.1].');
    expect(html).toContain('<button');
    expect(html).toContain('aria-label="Open #doc_1 “Trace-based JIT” at page 1"');
    expect(html).toContain('#doc_1 p.1</button>');
  });

  it('stays plain text in code and without a handler, and keeps sanitising', () => {
    expect(render('`[#doc_1 p.1]`')).not.toContain('<button');
    expect(render('[#doc_1 p.1]', false)).not.toContain('<button');
    const html = render(
      '<cite data-doc-citations="[{&quot;ordinal&quot;:1}]" onclick="x()">t</cite> [#doc_1]',
    );
    expect(html).not.toContain('onclick');
    expect(html.match(/<button/g)).toHaveLength(1);
  });
});
