import type { Claim } from '@margin/shared';
import { keepPreviousData } from '@tanstack/react-query';
import { Pin, Plus, Search, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, IconButton, Input, Spinner, toast } from '../../components';
import { cn } from '../../lib/cn';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useDebouncedValue } from '../search/useDebouncedValue';
import { memoryPageLink } from './links';
import { MemoryPopover } from './MemoryPopover';

/** Header button: memories pinned to this conversation (used in each of its answers). */
export function ConversationPinsButton({
  conversationId,
  compact,
}: {
  conversationId: string;
  compact: boolean;
}) {
  const pins = trpc.pkb.conversationPins.list.useQuery({ conversationId });
  const [open, setOpen] = useState(false);
  const count = pins.data?.length ?? 0;
  const label =
    count > 0
      ? `${String(count)} ${count === 1 ? 'memory' : 'memories'} pinned to this chat`
      : 'Pin memories to this chat';
  return (
    <MemoryPopover
      open={open}
      onOpenChange={setOpen}
      title="Memories pinned to this chat"
      align="end"
      trigger={
        compact ? (
          <IconButton
            label={label}
            tooltip={false}
            icon={<Pin />}
            className={cn(count > 0 && 'text-accent-text')}
          />
        ) : (
          <Button
            variant="ghost"
            size="sm"
            icon={<Pin />}
            aria-label={label}
            title={label}
            className={cn(count > 0 && 'text-accent-text')}
          >
            {count > 0 ? String(count) : null}
          </Button>
        )
      }
    >
      <PinsPanel
        conversationId={conversationId}
        pinned={pins.data ?? []}
        loading={pins.isPending}
      />
    </MemoryPopover>
  );
}

function PinsPanel({
  conversationId,
  pinned,
  loading,
}: {
  conversationId: string;
  pinned: Claim[];
  loading: boolean;
}) {
  const utils = trpc.useUtils();
  const set = trpc.pkb.conversationPins.set.useMutation();
  const clear = trpc.pkb.conversationPins.clear.useMutation();
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = trpc.pkb.search.useQuery(
    { query: debounced, k: 8 },
    { enabled: debounced !== '', placeholderData: keepPreviousData },
  );
  const pinnedIds = new Set(pinned.map((c) => c.id));

  const refresh = () => utils.pkb.conversationPins.list.invalidate({ conversationId });
  const toggle = async (claim: Claim, on: boolean) => {
    try {
      await set.mutateAsync({ conversationId, claimId: claim.id, pinned: on });
      void refresh();
    } catch (e) {
      toast.error(getErrorMessage(e));
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-fg-muted">
        Used in every answer of this conversation, besides your globally pinned memories.
      </p>
      {loading ? (
        <Spinner label="Loading pinned memories" />
      ) : pinned.length === 0 ? (
        <p className="rounded-lg bg-soft px-3 py-2 text-sm text-fg-muted">Nothing pinned yet.</p>
      ) : (
        <ul className="flex flex-col gap-1" aria-label="Pinned to this chat">
          {pinned.map((claim) => (
            <li
              key={claim.id}
              className="flex items-start gap-2 rounded-lg px-2 py-1.5 hover:bg-soft"
            >
              <Pin aria-hidden className="mt-0.5 size-3.5 shrink-0 text-accent-text" />
              <span className="min-w-0 flex-1 text-sm text-fg">{claim.statement}</span>
              <IconButton
                size="sm"
                className="-my-1 size-7"
                label="Unpin from this chat"
                icon={<X />}
                onClick={() => void toggle(claim, false)}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-subtle"
        />
        <Input
          type="search"
          aria-label="Find a memory to pin"
          placeholder="Find a memory to pin…"
          className="h-9 pl-9"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
          }}
        />
      </div>
      {debounced !== '' ? (
        search.isPending ? (
          <Spinner label="Searching" />
        ) : search.isError ? (
          <p role="alert" className="text-sm text-danger-text">
            {getErrorMessage(search.error)}
          </p>
        ) : search.data.length === 0 ? (
          <p className="text-sm text-fg-muted">No memory matches “{debounced}”.</p>
        ) : (
          <ul className="flex flex-col gap-1" aria-label="Search results">
            {search.data
              .filter((r) => !pinnedIds.has(r.claim.id))
              .map(({ claim }) => (
                <li
                  key={claim.id}
                  className="flex items-start gap-2 rounded-lg px-2 py-1.5 hover:bg-soft"
                >
                  <span className="min-w-0 flex-1 text-sm text-fg">{claim.statement}</span>
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={<Plus />}
                    className="-my-0.5 h-7 px-2 text-xs"
                    onClick={() => void toggle(claim, true)}
                  >
                    Pin
                  </Button>
                </li>
              ))}
          </ul>
        )
      ) : null}
      <div className="flex items-center justify-between gap-2 border-t border-line pt-2">
        <Button asChild size="sm" variant="ghost">
          <Link to={memoryPageLink({ conversationId })}>Open Memory</Link>
        </Button>
        {pinned.length > 0 ? (
          <Button
            size="sm"
            variant="ghost"
            loading={clear.isPending}
            onClick={() => {
              clear.mutate(
                { conversationId },
                {
                  onSuccess: () => {
                    toast.success('Unpinned all memories from this chat');
                    void refresh();
                  },
                  onError: (e) => toast.error(getErrorMessage(e)),
                },
              );
            }}
          >
            Clear all
          </Button>
        ) : null}
      </div>
    </div>
  );
}
