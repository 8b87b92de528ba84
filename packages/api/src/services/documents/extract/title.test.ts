import { describe, expect, it } from 'vitest';

import { cleanTitle, firstLine } from './title.js';

/** The definition: the whole line collapsed, then cut to 200 characters. */
function whole(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  const chars = Array.from(text);
  if (chars.length <= 200) return text;
  const cut = chars.slice(0, 199).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > 100 ? cut.slice(0, space) : cut}…`;
}

describe('titles from long lines', () => {
  it('read only the start of a line, with the same result', () => {
    const lines = [
      '',
      '----',
      'A title',
      'word '.repeat(39) + 'word',
      'word '.repeat(41),
      '😀'.repeat(250),
      ' '.repeat(5000) + 'late start',
      `a${' '.repeat(100_000)}${'b'.repeat(300)}`,
      `${'-'.repeat(3199)}😀${'x'.repeat(300)}`,
      `${'*'.repeat(10_000)} 1`,
    ];
    for (const line of lines) expect(cleanTitle(line)).toBe(whole(line));
  });

  it('titles a 20 MB single-line text in milliseconds', () => {
    const text = 'Trace trees record hot loops and specialise them by type. '.repeat(350_000);
    const started = performance.now();
    const title = firstLine(text);
    expect(performance.now() - started).toBeLessThan(100);
    expect(title).toBe(whole(text.slice(0, 1000)));
    expect(firstLine('\n \n---\nSecond line\nThird')).toBe('Second line');
  });
});
