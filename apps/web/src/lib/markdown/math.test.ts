import { describe, expect, it } from 'vitest';
import { normalizeMathDelimiters } from './math';
import { segmentCode } from './scan';

describe('segmentCode', () => {
  it('gives the input back when joined', () => {
    const text = 'a `b` c\n```py\nx = 1\n```\n~~~\n`q`\n~~~\nend ``x ` y`` z';
    expect(
      segmentCode(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('separates fenced blocks and inline code spans from prose', () => {
    const segments = segmentCode('see `code` here\n```js\nlet a;\n```\nafter');
    expect(segments).toEqual([
      { code: false, text: 'see ' },
      { code: true, text: '`code`' },
      { code: false, text: ' here\n' },
      { code: true, text: '```js\nlet a;\n```\n' },
      { code: false, text: 'after' },
    ]);
  });

  it('treats an unclosed fence as code to the end, and a lone backtick as text', () => {
    expect(segmentCode('it`s\n```\nopen')).toEqual([
      { code: false, text: 'it`s\n' },
      { code: true, text: '```\nopen' },
    ]);
  });
});

describe('normalizeMathDelimiters', () => {
  it('turns \\(…\\) into inline dollars', () => {
    expect(normalizeMathDelimiters('Energy \\( E = mc^2 \\) holds.')).toBe(
      'Energy $E = mc^2$ holds.',
    );
  });

  it('turns \\[…\\] on its own lines into a $$ block', () => {
    expect(normalizeMathDelimiters('Area:\n\n\\[ \\int_0^1 x\\,dx \\]\n\nDone.')).toBe(
      'Area:\n\n$$\n\\int_0^1 x\\,dx\n$$\n\nDone.',
    );
  });

  it('puts mid-sentence display math on lines of its own', () => {
    expect(normalizeMathDelimiters('so \\[x^2\\] follows')).toBe('so \n$$\nx^2\n$$\n follows');
  });

  it('keeps display math inside a list item', () => {
    expect(normalizeMathDelimiters('- \\[a+b\\]\n- next')).toBe('- $$\n  a+b\n  $$\n- next');
  });

  it('handles multi-line display math', () => {
    expect(normalizeMathDelimiters('\\[\na = b \\\\\nc = d\n\\]')).toBe(
      '$$\na = b \\\\\nc = d\n$$',
    );
  });

  it('leaves code spans and fenced blocks untouched', () => {
    const text = 'Use `\\(x\\)` or\n```latex\n\\[ y \\]\n```\nbut \\(z\\) is math.';
    expect(normalizeMathDelimiters(text)).toBe(
      'Use `\\(x\\)` or\n```latex\n\\[ y \\]\n```\nbut $z$ is math.',
    );
  });

  it('does not convert escaped backslashes or unmatched openers', () => {
    expect(normalizeMathDelimiters('a \\\\(b\\\\) c')).toBe('a \\\\(b\\\\) c');
    expect(normalizeMathDelimiters('open \\( never closed')).toBe('open \\( never closed');
    expect(normalizeMathDelimiters('empty \\(  \\) stays')).toBe('empty \\(  \\) stays');
  });

  it('does not let inline math run across paragraphs', () => {
    expect(normalizeMathDelimiters('a \\( b\n\nc \\) d')).toBe('a \\( b\n\nc \\) d');
  });

  it('returns text without backslash delimiters unchanged', () => {
    const text = 'Plain $x$ and $$y$$ text';
    expect(normalizeMathDelimiters(text)).toBe(text);
  });
});
