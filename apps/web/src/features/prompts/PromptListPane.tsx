import { FilePlus, LibraryBig, SearchX } from 'lucide-react';
import { Button, EmptyState, Notice, PageSpinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import {
  filterPrompts,
  hasActiveFilters,
  NO_FILTERS,
  type Facets,
  type PromptFilters,
} from './filter';
import { PromptFilterBar } from './PromptFilterBar';
import { PromptList } from './PromptList';
import type { PromptKey, PromptListItem } from './types';

export type PromptListQuery =
  | { status: 'pending' }
  | { status: 'error'; error: unknown; retry: () => void; retrying: boolean }
  | { status: 'success'; data: readonly PromptListItem[] };

/** Left column: title, "New prompt", filters and the list, with loading/empty/error states. */
export function PromptListPane({
  query,
  filters,
  onFiltersChange,
  facets,
  selected,
  onCreate,
}: {
  query: PromptListQuery;
  filters: PromptFilters;
  onFiltersChange: (filters: PromptFilters) => void;
  facets: Facets;
  selected: PromptKey | null;
  onCreate: () => void;
}) {
  const total = query.status === 'success' ? query.data.length : undefined;
  const shown = query.status === 'success' ? filterPrompts(query.data, filters) : [];
  const filtered = hasActiveFilters(filters);

  let body;
  if (query.status === 'pending') {
    body = <PageSpinner label="Loading prompts" />;
  } else if (query.status === 'error') {
    body = (
      <div className="flex flex-col items-start gap-3 px-1">
        <Notice tone="danger" role="alert" title="Couldn’t load prompts">
          {getErrorMessage(query.error)}
        </Notice>
        <Button variant="secondary" loading={query.retrying} onClick={query.retry}>
          Try again
        </Button>
      </div>
    );
  } else if (query.data.length === 0) {
    body = (
      <EmptyState
        size="sm"
        icon={<LibraryBig />}
        title="No prompts yet"
        description="Save instructions you use often — a tutoring style, a review checklist — and reuse them in any chat."
        action={
          <Button variant="primary" size="sm" icon={<FilePlus />} onClick={onCreate}>
            New prompt
          </Button>
        }
      />
    );
  } else if (shown.length === 0) {
    body = (
      <EmptyState
        size="sm"
        icon={<SearchX />}
        title="No prompt matches"
        description={
          filters.query.trim()
            ? `Nothing matches “${filters.query.trim()}” with the current filters.`
            : 'Nothing matches the current filters.'
        }
        action={
          <Button
            size="sm"
            onClick={() => {
              onFiltersChange(NO_FILTERS);
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  } else {
    body = <PromptList prompts={shown} selected={selected} />;
  }

  return (
    <div className="flex min-h-0 flex-col">
      <div className="flex shrink-0 flex-col gap-4 px-4 pt-5 pb-3 @3xl:px-3">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight text-fg">Prompt library</h1>
            <p className="mt-0.5 text-[13px] text-fg-muted" aria-live="polite">
              {total === undefined
                ? 'Reusable instructions for your chats.'
                : filtered
                  ? `${String(shown.length)} of ${String(total)} prompts`
                  : `${String(total)} ${total === 1 ? 'prompt' : 'prompts'}`}
            </p>
          </div>
          <Button variant="primary" size="sm" icon={<FilePlus />} onClick={onCreate}>
            New prompt
          </Button>
        </div>
        {query.status === 'success' && query.data.length > 0 ? (
          <PromptFilterBar filters={filters} onChange={onFiltersChange} facets={facets} />
        ) : null}
        {filtered && query.status === 'success' && shown.length > 0 ? (
          <button
            type="button"
            onClick={() => {
              onFiltersChange(NO_FILTERS);
            }}
            className="self-start rounded text-xs font-medium text-accent-text hover:underline"
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="scrollbar-thin min-h-0 flex-1 overflow-y-auto px-2 pb-6 @3xl:px-1.5">
        {body}
      </div>
    </div>
  );
}
