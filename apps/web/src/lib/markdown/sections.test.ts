import { describe, expect, it } from 'vitest';
import { fnv1a32 } from './hash';
import { splitSections } from './sections';

const CID = '3f2a9c1e-0000-4000-8000-000000000001';

describe('fnv1a32', () => {
  it('matches the reference FNV-1a values', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});

describe('splitSections', () => {
  it('returns one piece when there is no rule', () => {
    const sections = splitSections('# Title\n\nJust text.', CID);
    expect(sections).toHaveLength(1);
  });

  it('splits on --- rules and titles sections by their heading or first line', () => {
    const text = '## Overview\n\nIntro text.\n\n---\n\nThe **cost** is quadratic in length.\nMore.';
    const sections = splitSections(text, CID);
    expect(sections.map((s) => s.title)).toEqual(['Overview', 'The cost is quadratic in length.']);
    expect(sections[0]?.body).toBe('Intro text.');
    expect(sections[1]?.body).toBe('The **cost** is quadratic in length.\nMore.');
  });

  it('gives stable ids made of the conversation id and an 8-hex hash of the text', () => {
    const text = 'First part.\n\n---\n\nSecond part.';
    const a = splitSections(text, CID);
    const b = splitSections(text, CID);
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(a[0]?.id).toBe(`${CID}-${fnv1a32('First part.')}`);
    for (const section of a) expect(section.id).toMatch(/^[A-Za-z0-9_-]+-[0-9a-f]{8}$/);

    // Editing one section leaves the other's id alone.
    const edited = splitSections('First part.\n\n---\n\nSecond part, edited.', CID);
    expect(edited[0]?.id).toBe(a[0]?.id);
    expect(edited[1]?.id).not.toBe(a[1]?.id);
  });

  it('does not split inside fenced code, $$ math or <details>', () => {
    const text = [
      '```yaml',
      '---',
      'a: 1',
      '```',
      '',
      '$$',
      '---',
      '$$',
      '',
      '<details><summary>More</summary>',
      '',
      '---',
      '',
      '</details>',
    ].join('\n');
    expect(splitSections(text, CID)).toHaveLength(1);
  });

  it('does not treat a setext heading underline as a rule', () => {
    expect(splitSections('Heading\n---\n\nBody', CID)).toHaveLength(1);
  });

  it('drops empty pieces and accepts longer or spaced rules', () => {
    const sections = splitSections('---\n\nA\n\n-----\n\n- - -\n\nB\n\n---\n', CID);
    expect(sections.map((s) => s.title)).toEqual(['A', 'B']);
  });

  it('shortens long titles and falls back to a numbered title for code-first sections', () => {
    const long = 'x'.repeat(80);
    const sections = splitSections(`${long}\n\n---\n\n\`\`\`py\nprint(1)\n\`\`\``, CID);
    expect(sections[0]?.title).toHaveLength(60);
    expect(sections[0]?.title.endsWith('…')).toBe(true);
    expect(sections[1]?.title).toBe('Section 2');
  });

  it('keeps ids valid for the API when the conversation id has other characters', () => {
    const [section] = splitSections('a\n\n---\n\nb', 'weird id/../');
    expect(section?.id).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
  });
});
