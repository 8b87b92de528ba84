import type { Message } from '@margin/shared';
import { Sparkles, User } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { cn } from '../../lib/cn';
import { Markdown } from '../../lib/markdown';

/** The message the doubts are about, rendered, folded to a few lines until expanded. */
export function MessageExcerpt({ message }: { message: Message | undefined }) {
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const content = message?.content;

  useLayoutEffect(() => {
    const element = body.current;
    if (element) setOverflows(element.scrollHeight > element.clientHeight + 4);
  }, [content]);

  if (!message) {
    return <div aria-hidden className="h-20 rounded-xl bg-soft motion-safe:animate-pulse" />;
  }
  const isUser = message.role === 'user';
  return (
    <figure className="rounded-xl border border-line bg-soft/60 px-3.5 py-3">
      <figcaption className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-fg-muted">
        {isUser ? (
          <User aria-hidden className="size-3.5" />
        ) : (
          <Sparkles aria-hidden className="size-3.5" />
        )}
        {isUser ? 'Your message' : 'Answer'}
        {message.model ? (
          <span className="font-normal text-fg-subtle">· {message.model}</span>
        ) : null}
      </figcaption>
      <div
        ref={body}
        className={cn(
          'relative text-fg-muted',
          !expanded &&
            'max-h-[5.6rem] overflow-hidden [mask-image:linear-gradient(to_bottom,black_60%,transparent)]',
          !expanded && !overflows && '[mask-image:none]',
        )}
      >
        <Markdown text={message.content} className="text-[13px] leading-relaxed" />
      </div>
      {overflows || expanded ? (
        <button
          type="button"
          className="mt-1 rounded text-xs font-medium text-accent-text hover:underline"
          aria-expanded={expanded}
          onClick={() => {
            setExpanded((value) => !value);
          }}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      ) : null}
    </figure>
  );
}
