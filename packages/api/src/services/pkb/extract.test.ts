import { describe, expect, it } from 'vitest';
import { chunkText, findJsonArray, parseCandidates } from './extract.js';

const defaults = { domain: 'personal' as const };

describe('parseCandidates', () => {
  it('reads a fenced array with prose around it', () => {
    const reply = [
      'Sure! Here is what I found:',
      '```json',
      '[{"statement": "I prefer tea", "type": "preference", "domain": "health", "confidence": 0.9}]',
      '```',
      'Let me know if you need more.',
    ].join('\n');
    expect(parseCandidates(reply, defaults)).toEqual([
      { statement: 'I prefer tea', type: 'preference', domain: 'health', confidence: 0.9 },
    ]);
  });

  it('drops items with unknown types or domains, keeps defaults for missing fields', () => {
    const reply = JSON.stringify([
      { statement: 'I live in Pune', type: 'Fact' },
      { statement: 'I am a wizard', type: 'spell', domain: 'personal' },
      { statement: 'I work at Acme', type: 'fact', domain: 'career' },
      { statement: 'no', type: 'fact' },
      { statement: 42 },
      'just a string',
      { claim_type: 'habit', context_domain: 'life ops', text: 'I cook on Sundays', confidence: 7 },
    ]);
    expect(parseCandidates(reply, defaults)).toEqual([
      { statement: 'I live in Pune', type: 'fact', domain: 'personal', confidence: 0.8 },
      { statement: 'I cook on Sundays', type: 'habit', domain: 'life_ops', confidence: 0.8 },
    ]);
  });

  it('accepts an object wrapping the array, and tells malformed replies apart from []', () => {
    expect(
      parseCandidates('{"memories": [{"statement": "I like jazz", "type": "preference"}]}', {
        domain: 'learning',
      }),
    ).toEqual([
      { statement: 'I like jazz', type: 'preference', domain: 'learning', confidence: 0.8 },
    ]);
    expect(parseCandidates('[]', defaults)).toEqual([]);
    expect(parseCandidates('Nothing about the user here.', defaults)).toBeUndefined();
    expect(parseCandidates('[{"statement": "broken', defaults)).toBeUndefined();
    expect(findJsonArray('<title>x</title><summary>y</summary>')).toBeUndefined();
  });
});

describe('chunkText', () => {
  it('keeps short text whole and cuts long text at line ends', () => {
    expect(chunkText('a\nb\n', 100)).toEqual(['a\nb\n']);
    const lines = Array.from({ length: 10 }, (_, i) => `line number ${i}\n`);
    const chunks = chunkText(lines.join(''), 40);
    expect(chunks.join('')).toBe(lines.join(''));
    expect(chunks.every((c) => c.length <= 40 && c.endsWith('\n'))).toBe(true);
  });

  it('cuts one over-long line at spaces', () => {
    const text = 'word '.repeat(50);
    const chunks = chunkText(text, 32);
    expect(chunks.join('')).toBe(text);
    expect(chunks.every((c) => c.length <= 32)).toBe(true);
  });
});
