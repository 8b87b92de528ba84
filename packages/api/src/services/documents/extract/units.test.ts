import { describe, expect, it } from 'vitest';

import { hasLongRun } from './units.js';

describe('hasLongRun', () => {
  it('agrees with /\\S{1025}/ on runs around the probe spacing and on every kind of space', () => {
    const spaces = [' ', '\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff'];
    for (const space of spaces) {
      for (const run of [1, 1023, 1024, 1025, 1026, 2050, 3000]) {
        for (const lead of [0, 1, 500, 1024, 1025]) {
          const text = `${'ab '.repeat(lead)}${'x'.repeat(run)}${space}tail`;
          for (const [start, end] of [
            [0, text.length],
            [1, text.length - 3],
            [lead * 3 + 1, text.length],
          ] as const) {
            expect(hasLongRun(text, start, end)).toBe(/\S{1025}/.test(text.slice(start, end)));
          }
        }
      }
    }
  });
});
