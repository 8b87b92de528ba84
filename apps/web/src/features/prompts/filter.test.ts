import { describe, expect, it } from 'vitest';
import {
  collectFacets,
  filterPrompts,
  hasActiveFilters,
  NO_FILTERS,
  type FilterablePrompt,
} from './filter';

const prompts: FilterablePrompt[] = [
  {
    name: 'socratic_tutor',
    description: 'Teach by asking questions',
    category: 'teaching',
    tags: ['learning', 'tutor'],
    scope: 'global',
  },
  {
    name: 'code_reviewer',
    description: 'A careful review',
    category: 'coding',
    tags: ['code', 'review'],
    scope: 'global',
  },
  {
    name: 'my_style',
    description: '',
    category: 'teaching',
    tags: ['learning'],
    scope: 'personal',
  },
];

const names = (list: FilterablePrompt[]) => list.map((p) => p.name);

describe('prompt filters', () => {
  it('lists personal prompts first, then global ones alphabetically', () => {
    expect(names(filterPrompts(prompts, NO_FILTERS))).toEqual([
      'my_style',
      'code_reviewer',
      'socratic_tutor',
    ]);
    expect(hasActiveFilters(NO_FILTERS)).toBe(false);
  });

  it('searches every word across name (with spaces for underscores), description and tags', () => {
    expect(names(filterPrompts(prompts, { ...NO_FILTERS, query: 'code review' }))).toEqual([
      'code_reviewer',
    ]);
    expect(names(filterPrompts(prompts, { ...NO_FILTERS, query: 'TUTOR asking' }))).toEqual([
      'socratic_tutor',
    ]);
    expect(filterPrompts(prompts, { ...NO_FILTERS, query: 'nothing-matches' })).toEqual([]);
  });

  it('filters by scope, category and all selected tags', () => {
    expect(names(filterPrompts(prompts, { ...NO_FILTERS, scope: 'personal' }))).toEqual([
      'my_style',
    ]);
    expect(names(filterPrompts(prompts, { ...NO_FILTERS, category: 'teaching' }))).toEqual([
      'my_style',
      'socratic_tutor',
    ]);
    const both = { ...NO_FILTERS, tags: ['learning', 'tutor'] };
    expect(names(filterPrompts(prompts, both))).toEqual(['socratic_tutor']);
    expect(hasActiveFilters(both)).toBe(true);
  });

  it('collects categories and tags, most used tags first', () => {
    expect(collectFacets(prompts)).toEqual({
      categories: ['coding', 'teaching'],
      tags: [
        { tag: 'learning', count: 2 },
        { tag: 'code', count: 1 },
        { tag: 'review', count: 1 },
        { tag: 'tutor', count: 1 },
      ],
    });
  });
});
