import { describe, expect, it } from 'vitest';
import { savedQuestion } from './actions';

describe('saved quick-action questions', () => {
  it('names the action and quotes the selection for the first exchange', () => {
    expect(savedQuestion({ content: 'x', action: 'eli5' }, 'a  b\nc', true)).toBe(
      "Explain like I'm 5: “a b c”",
    );
    expect(savedQuestion({ content: 'Why?', action: 'ask' }, 'sel', true)).toBe('Why?: “sel”');
  });

  it('keeps follow-up questions as typed and shortens long selections', () => {
    expect(savedQuestion({ content: 'And then?', action: 'ask' }, 'sel', false)).toBe('And then?');
    const long = savedQuestion({ content: '', action: 'explain' }, 'w '.repeat(2000), true);
    expect(long.length).toBeLessThan(1300);
    expect(long.endsWith('…”')).toBe(true);
  });
});
