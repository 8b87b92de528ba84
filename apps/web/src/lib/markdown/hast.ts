import type { ExtraProps } from 'react-markdown';

/** The HTML syntax-tree element react-markdown passes to custom components. */
export type HastElement = NonNullable<ExtraProps['node']>;
type HastNode = HastElement | HastElement['children'][number];

/** Plain text of an element (highlighting spans included). */
export function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** The `<code>` inside a `<pre>`, if that is what the block holds. */
export function codeChild(pre: HastElement | undefined): HastElement | undefined {
  const child = pre?.children.find((node) => node.type === 'element');
  return child?.type === 'element' && child.tagName === 'code' ? child : undefined;
}

/** `python` for `<code class="hljs language-python">`. */
export function languageOf(code: HastElement): string | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) {
      return name.slice('language-'.length).toLowerCase();
    }
  }
  return undefined;
}
