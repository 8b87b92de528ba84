import { Info } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { CopyButton, Notice } from '../../components';
import { cn } from '../../lib/cn';
import type { PromptDetail } from './types';

// The renderer (and its highlighter and KaTeX) loads only when a preview is shown.
const Markdown = lazy(async () => {
  const module = await import('../../lib/markdown/Markdown');
  return { default: module.Markdown };
});

const numberFormat = new Intl.NumberFormat();

type View = 'formatted' | 'plain';

function PlainText({ text }: { text: string }) {
  return <div className="font-mono text-[13px] whitespace-pre-wrap break-words">{text}</div>;
}

/**
 * The composed text from the server (includes expanded, dates filled) of the saved version.
 * Nothing is composed here: unsaved edits show after saving.
 */
export function PromptPreview({
  prompt,
  dirty,
  error,
}: {
  prompt: PromptDetail;
  dirty: boolean;
  error: string | null;
}) {
  const [view, setView] = useState<View>('formatted');
  if (error) {
    return (
      <Notice tone="danger" role="alert" title="This prompt can’t be composed">
        {error} Fix the includes in the text and save to see the preview.
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {dirty ? (
        <p
          role="status"
          className="flex items-center gap-2 rounded-lg bg-warning-soft px-3 py-2 text-[13px] text-warning-text"
        >
          <Info className="size-4 shrink-0" aria-hidden />
          Preview shows the saved version — save to update.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-fg-subtle">
          As sent to the model right now · {numberFormat.format(prompt.content.length)} characters
        </p>
        <div className="flex items-center gap-1">
          <div role="group" aria-label="Preview format" className="flex rounded-lg bg-soft p-0.5">
            {(['formatted', 'plain'] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => {
                  setView(v);
                }}
                className={cn(
                  'h-7 rounded-md px-2.5 text-xs font-medium transition-colors',
                  view === v ? 'bg-raised text-fg shadow-sm' : 'text-fg-muted hover:text-fg',
                )}
              >
                {v === 'formatted' ? 'Formatted' : 'Plain text'}
              </button>
            ))}
          </div>
          <CopyButton value={prompt.content} size="sm" variant="ghost" />
        </div>
      </div>
      <section
        aria-label="Composed prompt"
        className="rounded-xl border border-line bg-panel px-5 py-4 text-[14px] leading-relaxed text-fg"
      >
        {view === 'plain' ? (
          <PlainText text={prompt.content} />
        ) : (
          <Suspense fallback={<PlainText text={prompt.content} />}>
            <Markdown text={prompt.content} />
          </Suspense>
        )}
      </section>
    </div>
  );
}
