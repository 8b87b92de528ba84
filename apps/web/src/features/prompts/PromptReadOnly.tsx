import { Lock } from 'lucide-react';
import { Badge } from '../../components';
import type { PromptDetail } from './types';

/** A global prompt seen by a non-admin: the text and metadata, no edit controls. */
export function PromptReadOnly({ prompt }: { prompt: PromptDetail }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="flex items-start gap-2.5 rounded-xl border border-line bg-soft px-3.5 py-3 text-sm text-fg-muted">
        <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          <span className="font-medium text-fg">Global prompt — managed by administrators.</span>{' '}
          Use it as it is, include it in your own prompts as{' '}
          <code className="font-mono text-[13px]">{`{${prompt.name}}`}</code>, or make a personal
          copy to change it.
        </span>
      </p>
      <section aria-label="Prompt text">
        <pre className="scrollbar-thin overflow-x-auto rounded-xl border border-line bg-raised p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap break-words text-fg">
          {prompt.rawContent}
        </pre>
      </section>
      {prompt.tags.length > 0 ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs text-fg-subtle">Tags</span>
          {prompt.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
      ) : null}
    </div>
  );
}
