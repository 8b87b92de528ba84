import { describe, expect, it } from 'vitest';
import { memoryCommands, memoryQuery, referencedMemoryIds, removeReference } from './mentions';

describe('memoryQuery', () => {
  it('opens on @ at a word start', () => {
    expect(memoryQuery('@', 1)).toEqual({ query: '', start: 0 });
    expect(memoryQuery('hi @mem', 7)).toEqual({ query: '', start: 3 });
    expect(memoryQuery('hi @memory', 10)).toEqual({ query: '', start: 3 });
    expect(memoryQuery('hi @memory:', 11)).toEqual({ query: '', start: 3 });
  });

  it('searches for what follows', () => {
    expect(memoryQuery('use @coffee', 11)).toEqual({ query: 'coffee', start: 4 });
    expect(memoryQuery('use @memory:coff', 16)).toEqual({ query: 'coff', start: 4 });
    expect(memoryQuery('(@dark_mode', 11)).toEqual({ query: 'dark mode', start: 1 });
  });

  it('ignores emails, closed tokens and text after the caret', () => {
    expect(memoryQuery('mail a@b.com', 12)).toBeNull();
    expect(memoryQuery('@coffee now', 11)).toBeNull();
    expect(memoryQuery('@coffee now', 7)).toEqual({ query: 'coffee', start: 0 });
  });
});

describe('memoryCommands', () => {
  it('makes one @memory:<id> entry per claim', () => {
    const commands = memoryCommands([
      { id: 'a1', statement: 'I drink   oat milk' },
      { id: 'a1', statement: 'dup' },
      { id: 'b2', statement: 'x'.repeat(120) },
    ]);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toEqual({
      sigil: '@',
      name: 'memory:a1',
      label: '@memory',
      description: 'I drink oat milk',
    });
    expect(commands[1]?.description.endsWith('…')).toBe(true);
  });
});

describe('references in text', () => {
  it('finds @memory and @mem ids once each', () => {
    expect(
      referencedMemoryIds('@memory:abc and (@mem:d_e-f) again @memory:abc, not x@memory:zzz'),
    ).toEqual(['abc', 'd_e-f']);
  });

  it('removes a reference and its trailing space', () => {
    expect(removeReference('use @memory:abc please', 'abc')).toBe('use please');
    expect(removeReference('@memory:abc', 'abc')).toBe('');
    expect(removeReference('@memory:abcd', 'abc')).toBe('@memory:abcd');
  });
});
