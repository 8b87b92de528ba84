import { describe, expect, it } from 'vitest';
import { changedFields, isDirty, type PromptDraft } from './draft';

const saved: PromptDraft = {
  content: 'Hello {date}',
  description: 'd',
  category: 'c',
  tags: ['a'],
};

describe('prompt draft', () => {
  it('is clean when nothing meaningful changed', () => {
    expect(isDirty({ ...saved, tags: ['a'] }, saved)).toBe(false);
    // The server trims description and category, so trailing spaces are not a change.
    expect(isDirty({ ...saved, description: 'd  ' }, saved)).toBe(false);
  });

  it('sends only the changed fields', () => {
    expect(changedFields({ ...saved, content: 'Hi', tags: ['a', 'b'] }, saved)).toEqual({
      content: 'Hi',
      tags: ['a', 'b'],
    });
  });
});
