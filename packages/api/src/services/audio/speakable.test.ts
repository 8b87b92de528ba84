import { describe, expect, it } from 'vitest';
import { chunkForSpeech, firstSentences, splitSentences, toSpeakableText } from './speakable.js';

describe('toSpeakableText', () => {
  it('drops markdown syntax and keeps the words', () => {
    expect(toSpeakableText('# Title\n\nSome **bold** and _italic_ and `code` text.')).toBe(
      'Title.\n\nSome bold and italic and code text.',
    );
  });

  it('skips code blocks with a short line', () => {
    const md = 'Run this:\n\n```python\nprint("hi")\nx = 1\n```\n\nDone.';
    expect(toSpeakableText(md)).toBe('Run this:\n\n(python code omitted)\n\nDone.');
  });

  it('reads links as their text and drops bare URLs', () => {
    expect(toSpeakableText('See [the docs](https://x.example/a) or https://y.example.')).toBe(
      'See the docs or link',
    );
  });

  it('reads simple math and drops display blocks', () => {
    expect(toSpeakableText('Area is $x^2$ here.')).toBe('Area is x squared here.');
    expect(toSpeakableText('$$\n\\int_0^1 f\n$$')).toBe('(formula omitted)');
  });

  it('reads tables row by row with their headers', () => {
    const md = '| Name | Age |\n|---|---|\n| Ada | 36 |\n| Bob | 40 |';
    expect(toSpeakableText(md)).toBe('Name: Ada, Age: 36. Name: Bob, Age: 40.');
  });

  it('turns list items into sentences', () => {
    expect(toSpeakableText('- one\n- two\n1. three')).toBe('one.\n\ntwo.\n\nthree.');
  });
});

describe('sentences and chunks', () => {
  it('splits sentences and takes the first ones', () => {
    expect(splitSentences('A b. C d! E f?\n\nG')).toEqual(['A b.', 'C d!', 'E f?', 'G']);
    expect(firstSentences('One. Two. Three. Four.', 3)).toBe('One. Two. Three.');
  });

  it('packs sentences under the limit, in order, never splitting one that fits', () => {
    const text = 'Alpha beta. Gamma delta. Epsilon zeta. Eta theta.';
    const parts = chunkForSpeech(text, 25);
    expect(parts).toEqual(['Alpha beta. Gamma delta.', 'Epsilon zeta. Eta theta.']);
    expect(parts.join(' ')).toBe(text);
  });

  it('cuts a sentence longer than the limit at spaces', () => {
    const parts = chunkForSpeech('word '.repeat(50).trim(), 42);
    expect(parts.every((p) => p.length <= 42)).toBe(true);
    expect(parts.join(' ')).toBe('word '.repeat(50).trim());
  });
});
