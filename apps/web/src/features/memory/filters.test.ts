import { describe, expect, it } from 'vitest';
import { activeFilterCount, listInput, searchInput } from './filters';

describe('filters', () => {
  it('sends only the filters that are set', () => {
    expect(listInput({ query: '' })).toEqual({ limit: 30 });
    expect(listInput({ query: 'x', type: 'habit', tag: 'study' })).toEqual({
      limit: 30,
      type: 'habit',
      tag: 'study',
    });
  });

  it('maps filters to search filters', () => {
    expect(searchInput({ query: ' tea ' }, 20)).toEqual({
      query: 'tea',
      strategy: 'hybrid',
      k: 20,
    });
    expect(
      searchInput({ query: 'tea', domain: 'health', status: 'historical', entity: 'Ada' }, 40),
    ).toEqual({
      query: 'tea',
      strategy: 'hybrid',
      k: 40,
      filters: { domains: ['health'], statuses: ['historical'], entity: 'Ada' },
    });
  });

  it('counts active filters', () => {
    expect(activeFilterCount({ query: 'q' })).toBe(0);
    expect(activeFilterCount({ query: '', type: 'fact', entity: 'Ada' })).toBe(2);
  });
});
