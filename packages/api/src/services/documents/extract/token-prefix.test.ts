import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';

import { truncateToTokens } from '../../chat/tokens.js';
import { tokenPrefix } from './token-prefix.js';

describe('tokenPrefix', () => {
  const texts = [
    'Trace trees record hot loops and specialise them by type.  '.repeat(3000),
    "It's DONE!!\n\n  HELLO world's 12345 numbers… naïve café 自然言語処理 😀\t".repeat(2500),
    'x'.repeat(40_000) + ' tail',
    'short text',
  ];

  it('tokenizes like the start of the whole text, to more than the tokens asked for', () => {
    for (const text of texts) {
      const prefix = tokenPrefix(text, 3000);
      expect(text.startsWith(prefix)).toBe(true);
      const whole = encode(text);
      const start = encode(prefix);
      expect(whole.slice(0, start.length)).toEqual(start);
      if (prefix !== text) expect(start.length).toBeGreaterThan(3000);
      expect(truncateToTokens(prefix, 3000)).toBe(truncateToTokens(text, 3000));
    }
  });
});
