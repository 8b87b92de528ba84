import { ChevronDown } from 'lucide-react';
import { useId, useState } from 'react';
import { cn } from '../../lib/cn';
import { Markdown } from '../../lib/markdown';
import { previewText } from './plain';

/** The short summary of a long answer: one line when folded, the full TL;DR when opened. */
export function TldrBlock({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className="mb-3 overflow-hidden rounded-xl border border-line bg-panel">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => {
          setOpen((value) => !value);
        }}
        className="flex min-h-10 w-full items-center gap-2.5 px-3.5 py-2 text-left text-sm transition-colors hover:bg-soft"
      >
        <span className="shrink-0 rounded-md bg-accent-soft px-1.5 py-0.5 text-[11px] font-semibold tracking-wide text-accent-text">
          TL;DR
        </span>
        <span className="min-w-0 flex-1 truncate text-fg-muted">
          {open ? 'Quick summary' : previewText(text, 160)}
        </span>
        <ChevronDown
          aria-hidden
          className={cn(
            'size-4 shrink-0 text-fg-subtle transition-transform',
            open && 'rotate-180',
          )}
        />
      </button>
      {open ? (
        <div id={bodyId} className="border-t border-line px-3.5 py-3">
          <Markdown text={text} className="text-sm" />
        </div>
      ) : null}
    </div>
  );
}
