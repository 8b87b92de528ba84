import { Search, X } from 'lucide-react';
import { useState } from 'react';
import { Input, Select, type SelectOption } from '../../components';
import { cn } from '../../lib/cn';
import type { Facets, PromptFilters, ScopeFilter } from './filter';

const SCOPE_OPTIONS = [
  { value: 'all', label: 'All prompts' },
  { value: 'personal', label: 'Personal' },
  { value: 'global', label: 'Global' },
] as const satisfies readonly SelectOption<ScopeFilter>[];

const ALL_CATEGORIES = '__all__';
const TAGS_SHOWN = 6;

/** Search box, scope and category selects, and toggleable tag chips. */
export function PromptFilterBar({
  filters,
  onChange,
  facets,
}: {
  filters: PromptFilters;
  onChange: (filters: PromptFilters) => void;
  facets: Facets;
}) {
  const [allTags, setAllTags] = useState(false);
  const categoryOptions: SelectOption[] = [
    { value: ALL_CATEGORIES, label: 'All categories' },
    ...facets.categories.map((c) => ({ value: c, label: c })),
  ];
  // Selected tags always stay visible, even past the cut-off.
  const tags = allTags
    ? facets.tags
    : facets.tags.filter((t, i) => i < TAGS_SHOWN || filters.tags.includes(t.tag));
  const hidden = facets.tags.length - tags.length;

  const toggleTag = (tag: string) => {
    onChange({
      ...filters,
      tags: filters.tags.includes(tag)
        ? filters.tags.filter((t) => t !== tag)
        : [...filters.tags, tag],
    });
  };

  return (
    <div className="flex flex-col gap-2.5">
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-subtle"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Search prompts"
          placeholder="Search prompts"
          value={filters.query}
          onChange={(e) => {
            onChange({ ...filters, query: e.target.value });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filters.query) {
              e.preventDefault();
              onChange({ ...filters, query: '' });
            }
          }}
          className="pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden"
        />
        {filters.query ? (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              onChange({ ...filters, query: '' });
            }}
            className="absolute top-1/2 right-1.5 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-fg-subtle hover:bg-soft hover:text-fg"
          >
            <X className="size-4" aria-hidden />
          </button>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <Select
          aria-label="Show"
          value={filters.scope}
          onValueChange={(scope) => {
            onChange({ ...filters, scope });
          }}
          options={SCOPE_OPTIONS}
          className="h-9"
        />
        <Select
          aria-label="Category"
          value={filters.category || ALL_CATEGORIES}
          onValueChange={(value) => {
            onChange({ ...filters, category: value === ALL_CATEGORIES ? '' : value });
          }}
          options={categoryOptions}
          className="h-9"
        />
      </div>
      {facets.tags.length > 0 ? (
        <div role="group" aria-label="Filter by tag" className="flex flex-wrap gap-1.5">
          {tags.map(({ tag, count }) => {
            const active = filters.tags.includes(tag);
            return (
              <button
                key={tag}
                type="button"
                aria-pressed={active}
                aria-label={`${tag}, ${String(count)} ${count === 1 ? 'prompt' : 'prompts'}`}
                onClick={() => {
                  toggleTag(tag);
                }}
                className={cn(
                  'inline-flex h-6 items-center gap-1 rounded-full border px-2 text-xs font-medium transition-colors',
                  active
                    ? 'border-transparent bg-accent text-accent-fg hover:bg-accent-hover'
                    : 'border-line-strong bg-raised text-fg-muted hover:bg-soft hover:text-fg',
                )}
              >
                {tag}
                <span className={cn('tabular-nums', active ? 'opacity-80' : 'text-fg-subtle')}>
                  {count}
                </span>
              </button>
            );
          })}
          {hidden > 0 || allTags ? (
            <button
              type="button"
              aria-expanded={allTags}
              onClick={() => {
                setAllTags((v) => !v);
              }}
              className="h-6 rounded-full px-1.5 text-xs font-medium text-accent-text hover:underline"
            >
              {allTags ? 'Fewer tags' : `+${String(hidden)} more`}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
