import { ChevronRight } from 'lucide-react';
import { memo, useId, useMemo } from 'react';
import { cn } from '../cn';
import { Markdown } from './Markdown';
import { splitSections, type MarkdownSection } from './sections';
import {
  useLocalSectionStates,
  usePersistedSectionStates,
  type SectionStates,
} from './useSectionStates';

function SectionDisclosure({
  section,
  hidden,
  onToggle,
}: {
  section: MarkdownSection;
  hidden: boolean;
  onToggle: (sectionId: string, hidden: boolean) => void;
}) {
  const bodyId = useId();
  return (
    <section data-section-id={section.id} className="border-t border-line first:border-t-0">
      <button
        type="button"
        aria-expanded={!hidden}
        aria-controls={bodyId}
        onClick={() => {
          onToggle(section.id, !hidden);
        }}
        className="group flex min-h-10 w-full items-center gap-2 rounded-lg py-2 text-left text-[15px] font-semibold text-fg transition-colors hover:text-accent-text"
      >
        <ChevronRight
          aria-hidden
          className={cn(
            'size-4 shrink-0 text-fg-subtle transition-transform group-hover:text-accent-text',
            !hidden && 'rotate-90',
          )}
        />
        <span className="min-w-0 flex-1 truncate">{section.title}</span>
        {hidden ? (
          <span className="shrink-0 text-xs font-normal text-fg-subtle">Collapsed</span>
        ) : null}
      </button>
      {hidden || !section.body ? null : (
        <div id={bodyId} className="pb-3 sm:pl-6">
          <Markdown text={section.body} />
        </div>
      )}
    </section>
  );
}

function SectionList({ sections, states }: { sections: MarkdownSection[]; states: SectionStates }) {
  return (
    <div className="md-sections">
      {sections.map((section) => (
        <SectionDisclosure
          key={section.id}
          section={section}
          hidden={states.isHidden(section.id)}
          onToggle={states.setHidden}
        />
      ))}
    </div>
  );
}

function PersistedSections({
  sections,
  conversationId,
}: {
  sections: MarkdownSection[];
  conversationId: string;
}) {
  const ids = useMemo(() => [...new Set(sections.map((section) => section.id))], [sections]);
  const states = usePersistedSectionStates(conversationId, ids);
  return <SectionList sections={sections} states={states} />;
}

function LocalSections({ sections }: { sections: MarkdownSection[] }) {
  const states = useLocalSectionStates();
  return <SectionList sections={sections} states={states} />;
}

export interface SectionedMarkdownProps {
  text: string;
  conversationId: string;
  /** Remember collapsed sections on the server (signed-in owner); off on the public page. */
  persist?: boolean;
  className?: string;
}

/**
 * An answer split on `---` rules into collapsible sections (see `splitSections`); answers without
 * rules render as plain markdown.
 */
export const SectionedMarkdown = memo(function SectionedMarkdown({
  text,
  conversationId,
  persist = true,
  className,
}: SectionedMarkdownProps) {
  const sections = useMemo(() => splitSections(text, conversationId), [text, conversationId]);
  if (sections.length < 2) return <Markdown text={text} className={className} />;
  return (
    <div className={className}>
      {persist ? (
        <PersistedSections sections={sections} conversationId={conversationId} />
      ) : (
        <LocalSections sections={sections} />
      )}
    </div>
  );
});
