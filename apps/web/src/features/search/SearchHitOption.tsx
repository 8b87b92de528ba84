import type { ConversationSearchHit } from '@margin/shared';
import { CornerDownLeft, MessageSquareText } from 'lucide-react';
import { cn } from '../../lib/cn';
import { parseSnippet } from './highlight';

/** One result: the conversation title and the matching passage, matches highlighted. */
export function SearchHitOption({
  id,
  hit,
  active,
  onHover,
  onOpen,
}: {
  id: string;
  hit: ConversationSearchHit;
  active: boolean;
  onHover: () => void;
  onOpen: () => void;
}) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      onMouseMove={active ? undefined : onHover}
      onClick={onOpen}
      className={cn(
        'flex cursor-pointer gap-3 rounded-xl px-3 py-2.5',
        active ? 'bg-soft' : 'hover:bg-soft/60',
      )}
    >
      <MessageSquareText
        aria-hidden
        className={cn('mt-0.5 size-4 shrink-0', active ? 'text-accent-text' : 'text-fg-subtle')}
      />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-fg">{hit.title}</p>
        <p className="mt-0.5 line-clamp-2 text-[13px] leading-relaxed break-words text-fg-muted">
          {parseSnippet(hit.snippet).map((part, index) =>
            part.match ? (
              <mark
                key={index}
                className="rounded-[3px] bg-accent-soft px-0.5 font-medium text-accent-text"
              >
                {part.text}
              </mark>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </p>
      </div>
      <CornerDownLeft
        aria-hidden
        className={cn('mt-0.5 size-3.5 shrink-0 text-fg-subtle', !active && 'invisible')}
      />
    </li>
  );
}
