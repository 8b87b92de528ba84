import { afterEach, describe, expect, it } from 'vitest';
import { loadDraft, saveDraft, STARTER, switchLanguage } from './draft';

const store = new Map<string, string>();
Object.defineProperty(globalThis, 'window', {
  value: {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    },
  },
  configurable: true,
});

afterEach(() => {
  store.clear();
});

describe('code drafts', () => {
  it('starts with a Python starter and round-trips per conversation', () => {
    expect(loadDraft('a')).toEqual({ language: 'python', code: STARTER.python, context: '' });
    saveDraft('a', { language: 'javascript', code: 'let x = 1;', context: 'sum' });
    expect(loadDraft('a').code).toBe('let x = 1;');
    expect(loadDraft('b').language).toBe('python');
  });

  it('ignores broken storage', () => {
    store.set('margin.codeEditor.c', '{nope');
    expect(loadDraft('c').code).toBe(STARTER.python);
    store.set('margin.codeEditor.d', JSON.stringify({ language: 'cobol', code: 5 }));
    expect(loadDraft('d')).toEqual({ language: 'python', code: STARTER.python, context: '' });
  });

  it('swaps the starter only while the code is untouched', () => {
    const fresh = { language: 'python' as const, code: STARTER.python, context: '' };
    expect(switchLanguage(fresh, 'javascript').code).toBe(STARTER.javascript);
    const written = { ...fresh, code: 'print(1)' };
    expect(switchLanguage(written, 'javascript').code).toBe('print(1)');
  });
});
