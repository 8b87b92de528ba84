import { describe, expect, it } from 'vitest';
import { splitStreamingBlocks } from './blocks';

describe('splitStreamingBlocks', () => {
  it('joins back to the input', () => {
    const text = 'Intro line\n\n## Heading\n\nBody text\nmore\n\n- a\n- b\n\nTail that is gro';
    expect(splitStreamingBlocks(text).join('\n')).toBe(text);
  });

  it('cuts at blank lines and keeps the growing tail last', () => {
    const blocks = splitStreamingBlocks('One.\n\nTwo.\n\nThr');
    expect(blocks).toEqual(['One.\n', 'Two.\n', 'Thr']);
  });

  it('never cuts inside fenced code or display math', () => {
    const code = '```python\nx = 1\n\ny = 2\n```\n\nafter';
    expect(splitStreamingBlocks(code)).toEqual(['```python\nx = 1\n\ny = 2\n```\n', 'after']);
    const math = '$$\na\n\nb\n$$\n\nafter';
    expect(splitStreamingBlocks(math)[0]).toBe('$$\na\n\nb\n$$\n');
  });

  it('keeps a loose list and indented continuations together', () => {
    const list = '- one\n\n- two\n\n  more of two\n\nParagraph';
    expect(splitStreamingBlocks(list)).toEqual(['- one\n\n- two\n\n  more of two\n', 'Paragraph']);
  });

  it('does not cut inside <details>', () => {
    const text = '<details>\n<summary>S</summary>\n\nbody\n\n</details>\n\nnext';
    expect(splitStreamingBlocks(text)).toHaveLength(2);
  });
});
