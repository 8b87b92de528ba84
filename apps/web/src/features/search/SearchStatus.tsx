import { SearchX, TextSearch } from 'lucide-react';
import { EmptyState, Spinner } from '../../components';

/** What the results area says when there are no results to list. */
export function SearchStatus({
  query,
  waiting,
  error,
}: {
  query: string;
  waiting: boolean;
  error: string | undefined;
}) {
  if (error) {
    return (
      <p role="alert" className="px-5 py-10 text-center text-sm text-danger-text">
        {error}
      </p>
    );
  }
  if (waiting) {
    return (
      <div className="flex items-center justify-center gap-2 px-5 py-12 text-sm text-fg-subtle">
        <Spinner size="sm" /> Searching…
      </div>
    );
  }
  if (query === '') {
    return (
      <EmptyState
        size="sm"
        className="py-10"
        icon={<TextSearch />}
        title="Search every conversation"
        description="Type a word or a phrase. A result opens the conversation at that message."
      />
    );
  }
  return (
    <div role="status">
      <EmptyState
        size="sm"
        className="py-10"
        icon={<SearchX />}
        title={`No messages match “${query}”`}
        description="Try another word, or fewer words."
      />
    </div>
  );
}
