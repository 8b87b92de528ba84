import { Globe, Lock } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../components';
import { cn } from '../../lib/cn';
import { formatRelative } from '../../lib/format';
import { promptHref, sameKey } from './selection';
import type { PromptKey, PromptListItem } from './types';

/** Grouped list: "Your prompts", then "Global prompts". Each row is a link to the prompt. */
export function PromptList({
  prompts,
  selected,
}: {
  prompts: readonly PromptListItem[];
  selected: PromptKey | null;
}) {
  const groups = [
    {
      scope: 'personal',
      title: 'Your prompts',
      items: prompts.filter((p) => p.scope === 'personal'),
    },
    {
      scope: 'global',
      title: 'Global prompts',
      items: prompts.filter((p) => p.scope === 'global'),
    },
  ] as const;
  return (
    <div className="flex flex-col gap-4">
      {groups.map((group) =>
        group.items.length === 0 ? null : (
          <section key={group.scope} aria-labelledby={`prompt-group-${group.scope}`}>
            <h2
              id={`prompt-group-${group.scope}`}
              className="mb-1 flex items-center gap-1.5 px-2 text-xs font-medium tracking-wide text-fg-subtle"
            >
              {group.scope === 'global' ? (
                <Globe className="size-3.5" aria-hidden />
              ) : (
                <Lock className="size-3.5" aria-hidden />
              )}
              {group.title}
              <span className="tabular-nums">· {group.items.length}</span>
            </h2>
            <ul className="flex flex-col gap-0.5">
              {group.items.map((prompt) => (
                <li key={`${prompt.scope}:${prompt.name}`}>
                  <PromptRow
                    prompt={prompt}
                    active={sameKey(selected, { name: prompt.name, scope: prompt.scope })}
                  />
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}

function PromptRow({ prompt, active }: { prompt: PromptListItem; active: boolean }) {
  const ref = useRef<HTMLAnchorElement>(null);
  // Keep the selected prompt in view (after a reload, a create, or Back).
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <Link
      ref={ref}
      to={promptHref({ name: prompt.name, scope: prompt.scope })}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'group flex scroll-mt-8 scroll-mb-2 flex-col gap-1 rounded-xl px-3 py-2.5 transition-colors',
        active ? 'bg-accent-soft' : 'hover:bg-soft',
      )}
    >
      <div className="flex min-w-0 items-center gap-2">
        <span
          className={cn(
            'min-w-0 flex-1 truncate font-mono text-[13px] font-medium',
            active ? 'text-accent-text' : 'text-fg',
            prompt.shadowed && 'line-through decoration-fg-subtle/60',
          )}
        >
          {prompt.name}
        </span>
        <span className="shrink-0 text-xs text-fg-subtle tabular-nums">v{prompt.version}</span>
      </div>
      {prompt.description ? (
        <p className="line-clamp-2 text-[13px] leading-snug text-fg-muted">{prompt.description}</p>
      ) : null}
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge
          tone={prompt.scope === 'global' ? 'neutral' : 'accent'}
          className={cn('h-5', active && 'bg-raised')}
        >
          {prompt.scope === 'global' ? 'Global' : 'Personal'}
        </Badge>
        {prompt.category ? (
          <Badge className="h-5 bg-transparent px-0 text-fg-subtle">{prompt.category}</Badge>
        ) : null}
        {prompt.shadowed ? (
          <Badge tone="warning" className="h-5">
            Overridden by yours
          </Badge>
        ) : null}
        <span className="ml-auto text-xs text-fg-subtle">{formatRelative(prompt.updatedAt)}</span>
      </div>
    </Link>
  );
}
