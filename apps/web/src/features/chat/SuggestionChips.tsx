import { CornerDownRight } from 'lucide-react';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { trpc } from '../../lib/trpc';

const MAX_LENGTH = 180;

/** Next-question suggestions for the last answer; a click sends the question. */
export function SuggestionChips({
  conversationId,
  enabled,
  onPick,
}: {
  conversationId: string;
  enabled: boolean;
  onPick: (question: string) => void;
}) {
  const phone = useMediaQuery('(max-width: 640px)');
  const suggestions = trpc.conversations.suggestions.useQuery(
    { id: conversationId },
    { enabled, staleTime: 30_000 },
  );
  const items = (suggestions.data ?? []).slice(0, phone ? 2 : 4);
  if (!enabled || items.length === 0) return null;
  return (
    <div className="mb-2 flex flex-wrap gap-1.5" role="group" aria-label="Suggested questions">
      {items.map((question) => (
        <button
          key={question}
          type="button"
          title={question}
          onClick={() => {
            onPick(question);
          }}
          className="flex max-w-full min-w-0 items-center gap-1.5 rounded-full border border-line bg-raised px-3 py-1.5 text-left text-[13px] text-fg-muted shadow-xs transition-colors hover:border-accent/40 hover:bg-accent-soft hover:text-accent-text focus-visible:outline-2 focus-visible:outline-accent"
        >
          <CornerDownRight aria-hidden className="size-3.5 shrink-0 opacity-60" />
          <span className="truncate">
            {question.length > MAX_LENGTH ? `${question.slice(0, MAX_LENGTH - 1)}…` : question}
          </span>
        </button>
      ))}
    </div>
  );
}
