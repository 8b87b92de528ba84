import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';

/**
 * Links open in a new tab without giving the new page a handle on this one. A link whose URL was
 * refused (e.g. `javascript:`) keeps its text but goes nowhere.
 */
export function MarkdownLink({
  node: _node,
  href,
  children,
  ...props
}: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <a {...props}>{children}</a>;
  const inPage = href.startsWith('#');
  return (
    <a href={href} {...props} {...(inPage ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
      {children}
    </a>
  );
}

export function MarkdownImage({ node: _node, alt, ...props }: ComponentProps<'img'> & ExtraProps) {
  return <img alt={alt ?? ''} loading="lazy" decoding="async" {...props} />;
}

/** Wide tables scroll sideways inside the column instead of widening the page. */
export function MarkdownTable({ node: _node, ...props }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className="md-table">
      <table {...props} />
    </div>
  );
}
