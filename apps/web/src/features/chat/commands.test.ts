import { describe, expect, it } from 'vitest';
import {
  insertCommand,
  matchCommands,
  paletteQuery,
  parseCommands,
  SLASH_COMMANDS,
} from './commands';

describe('paletteQuery', () => {
  it('opens for a command typed at the start, or after complete commands', () => {
    expect(paletteQuery('/', 1)).toEqual({ query: '', start: 0 });
    expect(paletteQuery('/ti', 3)).toEqual({ query: 'ti', start: 0 });
    expect(paletteQuery('/temp /de', 9)).toEqual({ query: 'de', start: 6 });
    expect(paletteQuery('/history 3 /', 12)).toEqual({ query: '', start: 11 });
  });

  it('stays closed inside a question', () => {
    expect(paletteQuery('what is /x', 10)).toBeNull();
    expect(paletteQuery('/temp what is /x', 16)).toBeNull();
    expect(paletteQuery('/title ', 7)).toBeNull();
  });
});

describe('insertCommand', () => {
  it('replaces the typed token and puts the caret after the space', () => {
    const title = SLASH_COMMANDS.find((c) => c.name === 'title');
    if (!title) throw new Error('no /title');
    expect(insertCommand('/ti', 0, 3, title)).toEqual({ text: '/title ', caret: 7 });
    expect(matchCommands('de').map((c) => c.name)).toEqual(['detailed', 'delete']);
  });

  it('inserts a document reference with its # sigil, replacing the rest of the token', () => {
    const ref = { sigil: '#' as const, name: 'doc_2', description: 'Paper' };
    expect(insertCommand('see #do', 4, 7, ref)).toEqual({ text: 'see #doc_2 ', caret: 11 });
    expect(insertCommand('see #dxyz now', 4, 6, ref)).toEqual({
      text: 'see #doc_2 now',
      caret: 11,
    });
  });
});

describe('parseCommands', () => {
  it('strips chained commands like the server', () => {
    expect(parseCommands('/temp /detailed 3 Explain it')).toEqual({
      text: 'Explain it',
      temporary: true,
      deletePreviousTurn: false,
    });
    expect(parseCommands('/title Notes\n/delete')).toMatchObject({
      title: 'Notes',
      deletePreviousTurn: true,
      text: '',
    });
    expect(parseCommands('Use /temp later').text).toBe('Use /temp later');
  });
});
