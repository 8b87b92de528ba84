import { FileText } from 'lucide-react';
import { createContext, use, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { citationLabel, citationsOf, type DocCitation } from './citations';

/**
 * What a citation can do where it is shown. The documents feature provides it around a
 * conversation; without it (shared page, previews) citations are plain labels.
 */
export interface CitationHandler {
  open: (ref: DocCitation) => void | Promise<void>;
  /** The document's title, or undefined when the conversation has no `#doc_N`. */
  titleOf: (ordinal: number) => string | undefined;
}

export const CitationContext = createContext<CitationHandler | null>(null);

function describe(ref: DocCitation, title: string | undefined): string {
  const where =
    ref.page === undefined
      ? ''
      : ref.pageEnd === undefined
        ? ` at page ${String(ref.page)}`
        : ` at pages ${String(ref.page)}–${String(ref.pageEnd)}`;
  const name = title ? ` “${title}”` : '';
  return `Open #doc_${String(ref.ordinal)}${name}${where}`;
}

const chip =
  'md-citation mx-px inline-flex max-w-full items-center gap-1 rounded-md border border-accent/25 bg-accent-soft px-1.5 py-px align-baseline font-sans text-[0.8em] leading-snug font-medium whitespace-nowrap text-accent-text not-italic';

function CitationRef({ citation, handler }: { citation: DocCitation; handler: CitationHandler }) {
  const title = handler.titleOf(citation.ordinal);
  const label = describe(citation, title);
  return (
    <button
      type="button"
      className={`${chip} cursor-pointer transition-colors hover:border-accent/50 hover:bg-accent/15 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring`}
      aria-label={label}
      title={title ? label.replace(/^Open /, '') : `No #doc_${String(citation.ordinal)} here`}
      data-citation={citationLabel(citation)}
      onClick={() => {
        void handler.open(citation);
      }}
    >
      <FileText aria-hidden className="size-3 shrink-0 opacity-70" />
      {citationLabel(citation)}
    </button>
  );
}

/** `<cite>` override: our citation elements become buttons; any other `<cite>` stays as is. */
export function MarkdownCite({ node, children, ...props }: ComponentProps<'cite'> & ExtraProps) {
  const handler = use(CitationContext);
  const refs = citationsOf(node);
  if (!refs) return <cite {...props}>{children}</cite>;
  if (!handler) {
    return <span className={chip}>{refs.map(citationLabel).join('; ')}</span>;
  }
  return (
    <span className="md-citations whitespace-nowrap">
      {refs.map((ref, index) => (
        <CitationRef
          key={`${citationLabel(ref)}-${String(index)}`}
          citation={ref}
          handler={handler}
        />
      ))}
    </span>
  );
}
