import 'katex/dist/katex.min.css';
import './markdown.css';
import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { cn } from '../cn';
import { MarkdownCite } from './Citation';
import { rehypeDocCitations } from './citations';
import { CodeBlock } from './CodeBlock';
import { MarkdownImage, MarkdownLink, MarkdownTable } from './elements';
import { normalizeMathDelimiters } from './math';
import { sanitizeSchema } from './sanitize';

const remarkPlugins: Options['remarkPlugins'] = [remarkGfm, remarkMath];

/**
 * Raw HTML is parsed, then sanitised; only then do document citations, KaTeX and the highlighter
 * add their own (trusted) markup. Mermaid blocks stay plain text for the diagram renderer.
 */
const rehypePlugins: Options['rehypePlugins'] = [
  rehypeRaw,
  [rehypeSanitize, sanitizeSchema],
  rehypeDocCitations,
  [rehypeKatex, { throwOnError: false, strict: 'ignore', trust: false }],
  [rehypeHighlight, { detect: false, plainText: ['mermaid', 'text', 'txt', 'plain', 'plaintext'] }],
];

const components: Components = {
  a: MarkdownLink,
  cite: MarkdownCite,
  img: MarkdownImage,
  pre: CodeBlock,
  table: MarkdownTable,
};

export interface MarkdownProps {
  /** Markdown source: GFM, math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), sanitised HTML. */
  text: string;
  className?: string;
}

/**
 * Renders model or user markdown safely. Memoised on `text`, so a list re-rendering does not
 * re-parse messages whose text did not change.
 */
export const Markdown = memo(function Markdown({ text, className }: MarkdownProps) {
  const source = useMemo(() => normalizeMathDelimiters(text), [text]);
  return (
    <div className={cn('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
});
