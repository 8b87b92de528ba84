/** HTML via linkedom (a DOM that never runs scripts) and Readability (the article, not the menus). */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

import { decodeText, normalizeText } from './decode.js';
import { DocumentRejected } from './errors.js';
import { cleanTitle, firstLine } from './title.js';
import type { ExtractedDocument } from './types.js';

/** The slice of the DOM this module uses (linkedom's types assume the browser's DOM lib). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: Iterable<DomNode>;
}
interface DomElement extends DomNode {
  textContent: string | null;
}
interface HtmlDocument {
  title: string;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'BUTTON',
  'SELECT',
]);
/** Elements that stand as their own paragraph. */
const PARAGRAPH = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE']);
/** Elements that start a new line. */
const LINE = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'HR',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'FORM',
  'FIELDSET',
]);

/** Renders a DOM subtree as readable text: paragraphs separated by blank lines, list items as "- ". */
export function domToText(root: DomNode): string {
  let out = '';
  const ensureBreak = (newlines: number) => {
    if (out === '') return;
    out = out.replace(/[ \t]+$/, '');
    const have = /\n*$/.exec(out)?.[0].length ?? 0;
    if (have < newlines) out += '\n'.repeat(newlines - have);
  };
  const walk = (node: DomNode, pre: boolean) => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      if (pre) {
        out += value;
        return;
      }
      const collapsed = value.replace(/\s+/g, ' ');
      out +=
        out === '' || out.endsWith('\n') || out.endsWith(' ') ? collapsed.trimStart() : collapsed;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (tag === 'BR') {
      out = out.replace(/[ \t]+$/, '') + '\n';
      return;
    }
    const breaks = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
    if (breaks > 0) ensureBreak(breaks);
    if (tag === 'LI') out += '- ';
    if (tag === 'TD' || tag === 'TH') {
      if (!out.endsWith('\n') && out !== '') out += ' | ';
    }
    for (const child of node.childNodes) walk(child, pre || tag === 'PRE');
    if (breaks > 0) ensureBreak(breaks);
  };
  walk(root, false);
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `<meta charset>` or the http-equiv form, from the first bytes (before decoding). */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1];
}

function parseDocument(html: string): HtmlDocument {
  const wrapped = /<html[\s>]|<body[\s>]/i.test(html)
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`;
  // linkedom's declared return type is the browser's Window, which this project's libs lack.
  // It is also a Proxy without a `has` trap, so read the property rather than test `in`.
  const window: unknown = parseHTML(wrapped);
  const document: unknown =
    typeof window === 'object' && window !== null ? Reflect.get(window, 'document') : undefined;
  if (typeof document !== 'object' || document === null) {
    throw new DocumentRejected('This page could not be read.');
  }
  return document as HtmlDocument;
}

function readArticle(document: HtmlDocument): { title?: string; node?: DomNode } {
  try {
    const article = new Readability<DomNode>(document, {
      serializer: (node: DomNode) => node,
      // Huge pages make Readability slow; past this it throws and the whole body is used.
      maxElemsToParse: 50_000,
    }).parse();
    return { title: article?.title ?? undefined, node: article?.content ?? undefined };
  } catch {
    return {};
  }
}

export function extractHtml(args: { bytes: Uint8Array; mimeType: string }): ExtractedDocument {
  const declaredCharset = /charset=/i.test(args.mimeType) ? args.mimeType : undefined;
  const charset = declaredCharset ?? `text/html; charset=${metaCharset(args.bytes) ?? 'utf-8'}`;
  const html = normalizeText(decodeText(args.bytes, charset));

  // Titles and the fallback body are read before Readability, which rewrites the document.
  const document = parseDocument(html);
  const pageTitle =
    cleanTitle(document.title) ?? cleanTitle(document.querySelector('h1')?.textContent);
  const bodyText = document.body ? domToText(document.body) : '';
  const article = readArticle(parseDocument(html));
  const articleText = article.node ? domToText(article.node) : '';

  // Readability sometimes keeps only a fragment of pages that are not articles (lists, tables).
  const text =
    articleText.length >= bodyText.length * 0.2 && articleText !== '' ? articleText : bodyText;
  if (text === '') throw new DocumentRejected('This page has no readable text in it.');
  return {
    kind: 'html',
    pages: [{ page: 1, text }],
    title: cleanTitle(article.title) ?? pageTitle ?? firstLine(text),
  };
}
