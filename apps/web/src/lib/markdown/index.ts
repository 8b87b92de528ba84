export { Markdown, type MarkdownProps } from './Markdown';
export { SectionedMarkdown, type SectionedMarkdownProps } from './SectionedMarkdown';
export { sectionIdsOf, splitSections, type MarkdownSection } from './sections';
export { normalizeMathDelimiters } from './math';
export { fnv1a32 } from './hash';
