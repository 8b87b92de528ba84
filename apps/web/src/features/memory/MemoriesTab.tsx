import type { Claim } from '@margin/shared';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Brain,
  CheckSquare,
  ListPlus,
  Plus,
  Search,
  SearchX,
  TriangleAlert,
  X,
} from 'lucide-react';
import { useState } from 'react';
import { Button, EmptyState, Input, Notice, PageSpinner, Select, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useDebouncedValue } from '../search/useDebouncedValue';
import { BulkAddDialog } from './BulkAddDialog';
import { ClaimDialog } from './ClaimDialog';
import { ClaimRow } from './ClaimRow';
import {
  activeFilterCount,
  listInput,
  NO_FILTERS,
  SEARCH_MAX,
  SEARCH_STEP,
  searchInput,
  type MemoryFilters,
} from './filters';
import { ALL, DOMAIN_OPTIONS, STATUS_OPTIONS, TYPE_OPTIONS, withAll } from './labels';
import { useClaimActions } from './useClaimActions';
import { useInvalidateMemory } from './useMemoryCache';
import { describeWhy, formatWhy } from './why';

interface Row {
  claim: Claim;
  why?: string;
  whyTitle?: string;
}

/** The memories: search (hybrid, with why-scores) or the filtered list with paging. */
export function MemoriesTab({
  filters,
  onFiltersChange,
  conversationId,
}: {
  filters: MemoryFilters;
  onFiltersChange: (filters: MemoryFilters) => void;
  conversationId: string | undefined;
}) {
  const invalidate = useInvalidateMemory();
  const [adding, setAdding] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [k, setK] = useState(SEARCH_STEP);
  const debounced = useDebouncedValue(filters, 250);
  const searching = debounced.query.trim() !== '';

  const list = trpc.pkb.claims.list.useInfiniteQuery(listInput(debounced), {
    enabled: !searching,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const search = trpc.pkb.search.useQuery(searchInput(debounced, k), {
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const pins = trpc.pkb.conversationPins.list.useQuery(
    { conversationId: conversationId ?? '' },
    { enabled: conversationId !== undefined },
  );
  const pinnedHere = new Set((pins.data ?? []).map((c) => c.id));
  const actions = useClaimActions(conversationId, pinnedHere);
  const flag = trpc.pkb.conflicts.create.useMutation();

  const rows: Row[] = searching
    ? (search.data ?? []).map((r) => ({
        claim: r.claim,
        why: formatWhy(r.why),
        whyTitle: describeWhy(r.why),
      }))
    : (list.data?.pages.flatMap((p) => p.items) ?? []).map((claim) => ({ claim }));
  const total = searching ? search.data?.length : list.data?.pages[0]?.total;
  const pending = searching ? search.isPending : list.isPending;
  const error = searching ? search.error : list.error;
  const filterCount = activeFilterCount(filters);
  const setFilter = (changes: Partial<MemoryFilters>) => {
    setK(SEARCH_STEP);
    onFiltersChange({ ...filters, ...changes });
  };

  const flagConflict = async () => {
    try {
      await flag.mutateAsync({ claimIds: [...selected] });
      toast.success('Flagged as conflicting — resolve it in Conflicts');
      setSelecting(false);
      setSelected(new Set());
      void invalidate();
    } catch (e) {
      toast.error(getErrorMessage(e));
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="relative min-w-0 flex-1">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-subtle"
          />
          <Input
            type="search"
            aria-label="Search memories"
            placeholder="Search your memories…"
            value={filters.query}
            className="pl-9"
            onChange={(e) => {
              setFilter({ query: e.target.value });
            }}
          />
        </div>
        <div className="flex gap-2">
          <Button
            variant="primary"
            icon={<Plus />}
            className="flex-1 sm:flex-none"
            onClick={() => {
              setAdding(true);
            }}
          >
            Add memory
          </Button>
          <Button
            icon={<ListPlus />}
            className="flex-1 sm:flex-none"
            onClick={() => {
              setBulk(true);
            }}
          >
            Add several
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <Select
          aria-label="Type"
          className="h-9 sm:w-44"
          value={filters.type ?? ALL}
          options={withAll('All types', TYPE_OPTIONS)}
          onValueChange={(v) => {
            setFilter({ type: v === ALL ? undefined : v });
          }}
        />
        <Select
          aria-label="Area of life"
          className="h-9 sm:w-44"
          value={filters.domain ?? ALL}
          options={withAll('All areas', DOMAIN_OPTIONS)}
          onValueChange={(v) => {
            setFilter({ domain: v === ALL ? undefined : v });
          }}
        />
        <Select
          aria-label="Status"
          className="h-9 sm:w-44"
          value={filters.status ?? ALL}
          options={withAll(searching ? 'Active or contested' : 'Not retracted', STATUS_OPTIONS)}
          onValueChange={(v) => {
            setFilter({ status: v === ALL ? undefined : v });
          }}
        />
        {filters.tag ? (
          <FilterChip
            label={`Tag: ${filters.tag}`}
            onClear={() => {
              setFilter({ tag: undefined });
            }}
          />
        ) : null}
        {filters.entity ? (
          <FilterChip
            label={`About: ${filters.entity}`}
            onClear={() => {
              setFilter({ entity: undefined });
            }}
          />
        ) : null}
        {filterCount > 0 || filters.query ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setK(SEARCH_STEP);
              onFiltersChange(NO_FILTERS);
            }}
          >
            Clear
          </Button>
        ) : null}
      </div>

      <div className="flex min-h-8 items-center justify-between gap-2 text-sm text-fg-muted">
        <p aria-live="polite">
          {total === undefined
            ? '\u00a0'
            : searching
              ? `${String(total)} ${total === 1 ? 'result' : 'results'}`
              : `${String(total)} ${total === 1 ? 'memory' : 'memories'}`}
        </p>
        <div className="flex items-center gap-2">
          {selecting ? (
            <>
              <Button
                size="sm"
                variant="primary"
                icon={<TriangleAlert />}
                disabled={selected.size < 2}
                loading={flag.isPending}
                onClick={() => void flagConflict()}
              >
                Flag conflict ({selected.size})
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setSelecting(false);
                  setSelected(new Set());
                }}
              >
                Cancel
              </Button>
            </>
          ) : rows.length > 1 ? (
            <Button
              size="sm"
              variant="ghost"
              icon={<CheckSquare />}
              title="Select memories that contradict each other"
              onClick={() => {
                setSelecting(true);
              }}
            >
              Select
            </Button>
          ) : null}
        </div>
      </div>

      <div className="overflow-hidden rounded-2xl border border-line bg-raised">
        {pending ? (
          <PageSpinner label="Loading memories" />
        ) : error ? (
          <div className="p-4">
            <Notice tone="danger" role="alert" title="Couldn’t load your memories">
              {getErrorMessage(error)}
            </Notice>
          </div>
        ) : rows.length === 0 ? (
          searching || filterCount > 0 ? (
            <EmptyState
              icon={<SearchX />}
              title="No memories match"
              description="Try other words or clear the filters."
            />
          ) : (
            <EmptyState
              icon={<Brain />}
              title="Nothing remembered yet"
              description="Memories are facts about you that Margin uses in answers — your preferences, projects, people and decisions. Add one, paste notes in Import, or approve suggestions after a chat."
              action={
                <Button
                  variant="primary"
                  icon={<Plus />}
                  onClick={() => {
                    setAdding(true);
                  }}
                >
                  Add your first memory
                </Button>
              }
            />
          )
        ) : (
          <ul className="divide-y divide-line" aria-label="Memories">
            {rows.map((row) => (
              <ClaimRow
                key={row.claim.id}
                claim={row.claim}
                why={row.why}
                whyTitle={row.whyTitle}
                conversationPinned={pinnedHere.has(row.claim.id)}
                hasConversation={conversationId !== undefined}
                selecting={selecting}
                selected={selected.has(row.claim.id)}
                onSelect={(on) => {
                  const next = new Set(selected);
                  if (on) next.add(row.claim.id);
                  else next.delete(row.claim.id);
                  setSelected(next);
                }}
                onAction={actions.onAction}
                pinPending={actions.pinPendingId === row.claim.id}
              />
            ))}
          </ul>
        )}
      </div>
      {!searching && list.hasNextPage ? (
        <Button
          className="self-center"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Load more
        </Button>
      ) : null}
      {searching && total !== undefined && total >= k && k < SEARCH_MAX ? (
        <Button
          className="self-center"
          loading={search.isFetching}
          onClick={() => {
            setK(Math.min(SEARCH_MAX, k + SEARCH_STEP));
          }}
        >
          Load more
        </Button>
      ) : null}

      <ClaimDialog
        open={adding}
        onOpenChange={setAdding}
        seed={{
          ...(filters.type ? { type: filters.type } : {}),
          ...(filters.domain ? { domain: filters.domain } : {}),
          ...(filters.tag ? { tags: [filters.tag] } : {}),
        }}
      />
      <BulkAddDialog open={bulk} onOpenChange={setBulk} />
      {actions.dialogs}
    </div>
  );
}

function FilterChip({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <span className="inline-flex h-8 max-w-full items-center gap-1 rounded-lg bg-accent-soft pr-1 pl-2.5 text-[13px] font-medium text-accent-text">
      <span className="truncate">{label}</span>
      <button
        type="button"
        aria-label={`Remove filter ${label}`}
        onClick={onClear}
        className="flex size-6 items-center justify-center rounded-md hover:bg-accent/15"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </span>
  );
}
