import { keepPreviousData } from '@tanstack/react-query';
import { RotateCw } from 'lucide-react';
import { Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useTree } from '../workspaces/TreeContext';
import { ConversationRow } from './ConversationRow';

const PAGE_SIZE = 25;

function RowSkeleton() {
  return (
    <div aria-hidden className="flex flex-col gap-1 py-1">
      {[70, 52].map((width) => (
        <div key={width} className="flex h-8 items-center px-2.5">
          <div
            className="h-2.5 animate-pulse rounded-full bg-soft-hover"
            style={{ width: `${String(width)}%` }}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * The conversations of one folder, newest activity first, a page at a time ("Show more"). Only
 * expanded folders mount this, so collapsed ones cost no request.
 */
export function ConversationList({
  workspaceId,
  hasSubfolders,
}: {
  workspaceId: string;
  hasSubfolders: boolean;
}) {
  const { domain, keepId } = useTree();
  const query = trpc.conversations.list.useInfiniteQuery(
    { domain, workspaceId, limit: PAGE_SIZE, keepId },
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    },
  );

  if (query.isPending) return <RowSkeleton />;

  if (query.isError) {
    return (
      <div role="alert" className="flex items-center gap-2 px-2.5 py-1.5 text-xs text-danger-text">
        <span className="min-w-0 flex-1">{getErrorMessage(query.error)}</span>
        <button
          type="button"
          onClick={() => void query.refetch()}
          className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 font-medium hover:bg-danger-soft"
        >
          <RotateCw className="size-3" aria-hidden />
          Retry
        </button>
      </div>
    );
  }

  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return hasSubfolders ? null : (
      <p className="px-2.5 py-1.5 text-xs text-fg-subtle">No conversations yet</p>
    );
  }

  return (
    <>
      <ul className="flex flex-col gap-px">
        {items.map((conversation) => (
          <ConversationRow key={conversation.id} conversation={conversation} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <button
          type="button"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          className="flex h-7 w-full items-center gap-2 rounded-lg px-2.5 text-xs font-medium text-fg-subtle hover:bg-soft hover:text-fg disabled:opacity-70"
        >
          {query.isFetchingNextPage ? <Spinner size="xs" /> : null}
          {query.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </>
  );
}
