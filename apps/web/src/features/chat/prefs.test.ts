import { describe, expect, it } from 'vitest';
import { changedCount, DEFAULT_PREFS, toSendOptions } from './prefs';

describe('toSendOptions', () => {
  it('maps the options and leaves out models and prompts the server no longer has', () => {
    const options = toSendOptions(
      { ...DEFAULT_PREFS, historyMode: 'all', promptNames: ['gone', 'kept'], instructions: ' x ' },
      { models: ['a', 'b'], prompts: ['kept'] },
      { models: ['b', 'zombie'] },
    );
    expect(options).toEqual({
      models: ['b'],
      historyTurns: 'all',
      detail: 2,
      useMemoryPad: false,
      persist: true,
      promptNames: ['kept'],
      instructions: 'x',
    });
  });

  it('sends a turn count by default', () => {
    expect(toSendOptions(DEFAULT_PREFS, { models: [], prompts: undefined }).historyTurns).toBe(10);
    expect(changedCount(DEFAULT_PREFS)).toBe(0);
    expect(changedCount({ ...DEFAULT_PREFS, persist: false, detail: 4 })).toBe(2);
  });
});
