import { CONVERSATION_LIMITS, type ConversationSearchHit } from '@margin/shared';
import { keepPreviousData, skipToken } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Kbd, Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { SearchHitOption } from './SearchHitOption';
import { SearchStatus } from './SearchStatus';
import { useDebouncedValue } from './useDebouncedValue';

const NO_HITS: ConversationSearchHit[] = [];
const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 30;

/** The search box (a combobox) and its results (a listbox): ↑/↓ move, Enter opens. */
export function SearchBody({ onOpenHit }: { onOpenHit: (hit: ConversationSearchHit) => void }) {
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const search = trpc.conversations.search.useQuery(
    query ? { query, limit: RESULT_LIMIT } : skipToken,
    { placeholderData: keepPreviousData, staleTime: 15_000 },
  );
  const hits = query && search.data ? search.data : NO_HITS;

  // Back to the first result whenever the results change.
  const [active, setActive] = useState(0);
  const [shownHits, setShownHits] = useState(hits);
  if (shownHits !== hits) {
    setShownHits(hits);
    setActive(0);
  }

  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${String(index)}`;

  useEffect(() => {
    document.getElementById(`${listId}-option-${String(active)}`)?.scrollIntoView({
      block: 'nearest',
    });
  }, [active, listId]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = hits.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((index) => (index + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((index) => (index - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) onOpenHit(hit);
    }
  };

  const searching = query !== '' && search.isFetching;
  const waiting = text.trim() !== query || (query !== '' && search.isPending);

  return (
    <>
      <div className="flex h-14 shrink-0 items-center gap-3 border-b border-line px-4">
        <Search className="size-4.5 shrink-0 text-fg-subtle" aria-hidden />
        <input
          autoFocus
          role="combobox"
          aria-label="Search conversations"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
          placeholder="Search your conversations…"
          maxLength={CONVERSATION_LIMITS.searchQueryMax}
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          onKeyDown={onKeyDown}
          className="h-full min-w-0 flex-1 bg-transparent text-[15px] text-fg outline-none placeholder:text-fg-subtle"
        />
        {searching ? <Spinner size="sm" className="text-fg-subtle" label="Searching" /> : null}
        <Kbd className="max-sm:hidden">Esc</Kbd>
        <RadixDialog.Close
          aria-label="Close search"
          className="-mr-1.5 flex size-8 items-center justify-center rounded-lg text-fg-subtle hover:bg-soft hover:text-fg sm:hidden"
        >
          <X className="size-4" />
        </RadixDialog.Close>
      </div>

      <div className="scrollbar-thin min-h-0 flex-1 overflow-y-auto">
        {hits.length > 0 ? (
          <ul id={listId} role="listbox" aria-label="Results" className="flex flex-col p-2">
            {hits.map((hit, index) => (
              <SearchHitOption
                key={hit.messageId}
                id={optionId(index)}
                hit={hit}
                active={index === active}
                onHover={() => {
                  setActive(index);
                }}
                onOpen={() => {
                  onOpenHit(hit);
                }}
              />
            ))}
          </ul>
        ) : (
          <SearchStatus
            query={query}
            waiting={waiting}
            error={search.isError ? getErrorMessage(search.error) : undefined}
          />
        )}
      </div>

      <div className="flex shrink-0 items-center gap-4 border-t border-line px-4 py-2.5 text-xs text-fg-subtle max-sm:hidden">
        <span className="inline-flex items-center gap-1.5">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> to move
        </span>
        <span className="inline-flex items-center gap-1.5">
          <Kbd>↵</Kbd> to open at the message
        </span>
      </div>
    </>
  );
}
