import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

function render(text: string): string {
  return renderToStaticMarkup(createElement(Markdown, { text }));
}

/** Attack strings that must render to nothing executable. */
const XSS_CORPUS = [
  '<script>window.__xss=1</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror="window.__xss=1">',
  '<img src="javascript:alert(1)">',
  '[click](javascript:window.__xss=3)',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '![x](javascript:alert(1))',
  '<svg onload="alert(1)"><circle r="4"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="evil.swf"></object>',
  '<embed src="evil.swf">',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<p style="position:fixed;inset:0">overlay</p>',
  '<style>body{display:none}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
  '<input autofocus onfocus="alert(1)">',
  '<details open ontoggle="alert(1)"><summary>s</summary>x</details>',
  '<body onload="alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="#" onclick="alert(1)">x</a>',
  '<video><source onerror="alert(1)"></video>',
  '<template><img src=x onerror=alert(1)></template>',
];

describe('Markdown sanitising', () => {
  it.each(XSS_CORPUS)('renders %s without anything executable', (attack) => {
    const html = render(`Before\n\n${attack}\n\nAfter`);
    // Attribute values may quote the attack as inert text; look at the markup around them.
    const markup = html.replace(/="[^"]*"/g, '=""');
    expect(markup).not.toMatch(/<script/i);
    expect(markup).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(
      /(?:href|src|action|formaction|data)\s*=\s*"\s*(?:javascript|vbscript|data):/i,
    );
    expect(html).not.toMatch(
      /<(?:iframe|object|embed|svg|style|link|meta|base|form|body|math|template)\b/i,
    );
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\ssrcdoc\s*=/i);
    expect(html).toContain('After');
  });

  it('keeps the safe HTML answers use: details/summary, kbd, sub/sup', () => {
    const html = render(
      '<details><summary>More</summary>\n\nHidden *text*\n\n</details>\n\nH<sub>2</sub>O <kbd>Ctrl</kbd>',
    );
    expect(html).toContain('<details>');
    expect(html).toContain('<summary>More</summary>');
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<sub>2</sub>');
    expect(html).toContain('<kbd>Ctrl</kbd>');
  });

  it('opens links in a new tab without an opener', () => {
    const html = render('[docs](https://example.com/a)');
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('prefixes user-supplied ids so they cannot clobber the page', () => {
    expect(render('<p id="root">x</p>')).toContain('id="user-content-root"');
  });
});

describe('Markdown rendering', () => {
  it('renders GFM tables, task lists and strikethrough', () => {
    const html = render('| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~');
    expect(html).toContain('<table>');
    expect(html).toContain('class="md-table"');
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*disabled/);
    expect(html).toContain('<del>old</del>');
  });

  it('renders all four math delimiters with KaTeX, and not inside code', () => {
    const html = render(
      'Inline $E=mc^2$ and \\(a^2\\).\n\n$$\n\\sum_i i\n$$\n\n\\[ \\int_0^1 x\\,dx \\]\n\n`\\(not math\\)`',
    );
    expect(html.match(/class="katex"/g)?.length).toBe(4);
    expect(html.match(/class="katex-display"/g)?.length).toBe(2);
    expect(html).toContain('<code>\\(not math\\)</code>');
  });

  it('highlights code with a language label and a copy button', () => {
    const html = render('```python\ndef f(x):\n    return x\n```');
    expect(html).toContain('class="hljs language-python"');
    expect(html).toContain('hljs-keyword');
    expect(html).toContain('Python');
    expect(html).toContain('Copy');
  });

  it('leaves mermaid source as plain text for the diagram renderer', () => {
    const html = render('```mermaid\nflowchart LR\n  A-->B\n```');
    expect(html).toContain('Mermaid');
    expect(html).not.toContain('hljs-');
    expect(html).toContain('A--&gt;B');
  });
});
