import { describe, expect, it } from 'vitest';
import { insertAtCursor, microphoneError } from './recorder';

describe('insertAtCursor', () => {
  it('inserts between words with spaces and puts the caret after the text', () => {
    expect(insertAtCursor('Before after', 7, 7, 'new words')).toEqual({
      value: 'Before new words after',
      caret: 16,
    });
    expect(insertAtCursor('Hello', 5, 5, 'there')).toEqual({ value: 'Hello there', caret: 11 });
    expect(insertAtCursor('', 0, 0, 'text')).toEqual({ value: 'text', caret: 4 });
  });

  it('replaces a selection', () => {
    expect(insertAtCursor('one two three', 4, 7, '2')).toEqual({
      value: 'one 2 three',
      caret: 5,
    });
  });
});

describe('microphoneError', () => {
  it('says when access was denied', () => {
    expect(microphoneError(new DOMException('x', 'NotAllowedError'))).toMatch(/denied/);
    expect(microphoneError(new Error('x'))).toMatch(/could not be started/);
  });
});
