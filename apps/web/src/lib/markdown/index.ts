export { Markdown, type MarkdownProps } from './Markdown';
export { SectionedMarkdown, type SectionedMarkdownProps } from './SectionedMarkdown';
export { sectionIdsOf, splitSections, type MarkdownSection } from './sections';
export { normalizeMathDelimiters } from './math';
export { fnv1a32 } from './hash';
export { CitationContext, type CitationHandler } from './Citation';
export { citationLabel, splitCitations, type DocCitation } from './citations';
