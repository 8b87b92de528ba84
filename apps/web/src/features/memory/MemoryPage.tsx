import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Tabs, TabsContent, TabsList, TabsTrigger } from '../../components';
import { trpc } from '../../lib/trpc';
import { ConflictsTab } from './ConflictsTab';
import { EntitiesTab, TagsTab } from './FacetTabs';
import { NO_FILTERS, type MemoryFilters } from './filters';
import { ImportTab } from './ImportTab';
import { MemoriesTab } from './MemoriesTab';
import { MemorySettings } from './MemorySettings';

const TABS = ['memories', 'entities', 'tags', 'conflicts', 'import'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return TABS.includes(value as Tab);
}

/**
 * `/memory`: everything Margin remembers about the user. `?tab=` selects a tab; `?c=<id>` means
 * it was opened from that conversation (pin to it, use in its next message, back link).
 */
export function MemoryPage() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'memories';
  const conversationId = params.get('c') ?? undefined;
  const [filters, setFilters] = useState<MemoryFilters>(() => ({
    ...NO_FILTERS,
    query: params.get('q') ?? '',
  }));
  const conflicts = trpc.pkb.conflicts.list.useQuery();
  const openConflicts = conflicts.data?.filter((c) => c.status === 'open').length ?? 0;

  const setTab = (next: string) => {
    const copy = new URLSearchParams(params);
    if (next === 'memories') copy.delete('tab');
    else copy.set('tab', next);
    copy.delete('q');
    setParams(copy, { replace: true });
  };

  const showMemories = (changes: Partial<MemoryFilters>) => {
    setFilters({ ...NO_FILTERS, ...changes });
    setTab('memories');
  };

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-6 sm:px-6 sm:py-10">
      <title>Memory · Margin</title>
      <div className="mb-5 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          {conversationId ? (
            <Button asChild variant="ghost" size="sm" className="-ml-2 mb-1">
              <Link to={`/c/${conversationId}`}>
                <ArrowLeft />
                Back to the conversation
              </Link>
            </Button>
          ) : null}
          <h1 className="text-2xl font-semibold tracking-tight text-fg">Memory</h1>
          <p className="mt-1 max-w-prose text-sm text-fg-muted">
            What Margin knows about you. Pinned memories are used in every answer; the others when
            they are relevant. Each answer shows which memories it used.
          </p>
        </div>
        <div className="sm:max-w-64 sm:pt-1">
          <MemorySettings />
        </div>
      </div>
      <Tabs value={tab} onValueChange={setTab}>
        <div className="scrollbar-thin -mx-4 mb-4 scroll-px-4 overflow-x-auto px-4 sm:mx-0 sm:scroll-px-0 sm:px-0">
          <TabsList aria-label="Memory sections">
            <TabsTrigger value="memories">Memories</TabsTrigger>
            <TabsTrigger value="entities">Entities</TabsTrigger>
            <TabsTrigger value="tags">Tags</TabsTrigger>
            <TabsTrigger value="conflicts">
              Conflicts
              {openConflicts > 0 ? (
                <span className="flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-warning-soft px-1 text-[11px] font-semibold text-warning-text">
                  {openConflicts}
                  <span className="sr-only"> open</span>
                </span>
              ) : null}
            </TabsTrigger>
            <TabsTrigger value="import">Import / Export</TabsTrigger>
          </TabsList>
        </div>
        <TabsContent value="memories">
          <MemoriesTab
            filters={filters}
            onFiltersChange={setFilters}
            conversationId={conversationId}
          />
        </TabsContent>
        <TabsContent value="entities">
          <EntitiesTab
            onPick={(entity) => {
              showMemories({ entity });
            }}
          />
        </TabsContent>
        <TabsContent value="tags">
          <TagsTab
            onPick={(tag) => {
              showMemories({ tag });
            }}
          />
        </TabsContent>
        <TabsContent value="conflicts">
          <ConflictsTab />
        </TabsContent>
        <TabsContent value="import">
          <ImportTab />
        </TabsContent>
      </Tabs>
    </div>
  );
}
