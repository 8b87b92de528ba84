import { describe, expect, it } from 'vitest';

import { normalizeText } from './decode.js';

describe('normalizeText', () => {
  it('normalises to NFC window by window, as the whole text would be', () => {
    // Decomposed characters and Hangul jamo everywhere, so windows end next to them; over 1 MB.
    const pieces = ['e\u0301', 'A\u030a', '\u1100\u1161\u11a8', 'е\u0308', '自然', ' ', '\n', 'x'];
    let text = '';
    for (let i = 0; text.length < 3_000_000; i++) text += pieces[(i * 7) % pieces.length] ?? '';
    const expected = text.normalize('NFC');
    expect(normalizeText(text)).toBe(expected);
    expect(normalizeText(expected)).toBe(expected);
  });

  it('leaves Latin text untouched and still normalises line ends and control characters', () => {
    expect(normalizeText('caf\u00e9\r\nline\rend\u0007')).toBe('caf\u00e9\nline\nend');
    expect(normalizeText('cafe\u0301')).toBe('caf\u00e9');
  });
});
