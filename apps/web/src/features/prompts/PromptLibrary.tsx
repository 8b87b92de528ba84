import { LibraryBig } from 'lucide-react';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components';
import { cn } from '../../lib/cn';
import { trpc } from '../../lib/trpc';
import { useCurrentUser } from '../auth/session';
import { CreatePromptDialog } from './CreatePromptDialog';
import { collectFacets, NO_FILTERS, type PromptFilters } from './filter';
import { PromptDetailPane } from './PromptDetailPane';
import { PromptListPane, type PromptListQuery } from './PromptListPane';
import { usePromptSelection } from './selection';
import { SyntaxHelp } from './SyntaxHelp';
import type { PromptDraftSeed } from './types';

/**
 * The prompt library page: list + detail side by side when there is room (container ≥ 768 px),
 * otherwise one at a time with a back button. The selection lives in the URL.
 */
export function PromptLibrary() {
  const user = useCurrentUser();
  const prompts = trpc.prompts.list.useQuery();
  const { selected, select } = usePromptSelection();
  const [filters, setFilters] = useState<PromptFilters>(NO_FILTERS);
  const [creating, setCreating] = useState<{ seed?: PromptDraftSeed } | null>(null);

  const list = prompts.data;
  const facets = useMemo(() => collectFacets(list ?? []), [list]);
  const query: PromptListQuery = prompts.isPending
    ? { status: 'pending' }
    : prompts.isError
      ? {
          status: 'error',
          error: prompts.error,
          retry: () => void prompts.refetch(),
          retrying: prompts.isFetching,
        }
      : { status: 'success', data: prompts.data };
  const listItem = selected
    ? list?.find(
        (p) =>
          p.name === selected.name && (selected.scope ? p.scope === selected.scope : !p.shadowed),
      )
    : undefined;

  return (
    <div className="@container min-h-full">
      <title>
        {selected ? `${selected.name} · Prompt library · Margin` : 'Prompt library · Margin'}
      </title>
      <div className="mx-auto grid w-full max-w-7xl @3xl:grid-cols-[minmax(17rem,22rem)_minmax(0,1fr)]">
        <aside
          aria-label="Prompts"
          className={cn(
            'flex flex-col @3xl:sticky @3xl:top-0 @3xl:h-[calc(100dvh-3.5rem)] @3xl:border-r @3xl:border-line',
            selected && '@max-3xl:hidden',
          )}
        >
          <PromptListPane
            query={query}
            filters={filters}
            onFiltersChange={setFilters}
            facets={facets}
            selected={selected}
            onCreate={() => {
              setCreating({});
            }}
          />
        </aside>
        <section
          aria-label="Prompt details"
          className={cn('min-w-0', !selected && '@max-3xl:hidden')}
        >
          {selected ? (
            <PromptDetailPane
              promptKey={selected}
              listItem={listItem}
              facets={facets}
              onBack={() => {
                select(null);
              }}
              onDeleted={() => {
                select(null, { replace: true });
              }}
              onDuplicate={(seed) => {
                setCreating({ seed });
              }}
            />
          ) : (
            <div className="mx-auto flex max-w-xl flex-col gap-6 px-8 py-12">
              <EmptyState
                icon={<LibraryBig />}
                title="Pick a prompt to read or edit it"
                description="Prompts are reusable instructions. Add them to a chat as system-prompt fragments, or include one in another with its name in braces."
              />
              <SyntaxHelp />
            </div>
          )}
        </section>
      </div>
      <CreatePromptDialog
        open={creating !== null}
        onOpenChange={(open) => {
          if (!open) setCreating(null);
        }}
        seed={creating?.seed}
        isAdmin={user.role === 'admin'}
        existing={list ?? []}
        facets={facets}
        onCreated={(key) => {
          select(key);
        }}
      />
    </div>
  );
}
