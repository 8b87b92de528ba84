import { describe, expect, it } from 'vitest';
import { nameError, suggestName } from './names';

describe('prompt names', () => {
  it('suggests a valid name from free text', () => {
    expect(suggestName('My Style!')).toBe('my_style');
    expect(suggestName('  Café — notes ')).toBe('cafe_notes');
    expect(suggestName('***')).toBe('');
  });

  it('validates with the shared schema, reserved names included', () => {
    expect(nameError('my_style')).toBeUndefined();
    expect(nameError('My Style')).toMatch(/lowercase/);
    expect(nameError('date')).toMatch(/reserved/);
  });
});
