import { describe, expect, it } from 'vitest';
import { displayText, TEXT_DISPLAY_LIMIT } from './views';

describe('displayText', () => {
  it('pretty-prints JSON and leaves other text (HTML included) as it is', () => {
    expect(displayText('{"a":[1,2]}', 'json').text).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(displayText('{not json', 'json').text).toBe('{not json');
    expect(displayText('<b>x</b>', 'html').text).toBe('<b>x</b>');
  });

  it('cuts very long text and says so', () => {
    const long = 'x'.repeat(TEXT_DISPLAY_LIMIT + 10);
    const shown = displayText(long, 'text');
    expect(shown.truncated).toBe(true);
    expect(shown.text).toHaveLength(TEXT_DISPLAY_LIMIT);
    expect(displayText('short', 'text')).toEqual({ text: 'short', truncated: false });
  });
});
