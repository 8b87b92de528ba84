/**
 * Document citations in answers: `[#doc_2 p.5]`, `[#doc_2 p.5–7]`, `[#doc_2]`, several in one
 * bracket (`[#doc_1 p.2; #doc_3 p.4]`). A rehype plugin, run AFTER sanitising, turns them into
 * `<cite>` elements carrying only numbers, which `Citation` renders as buttons.
 */
import type { HastElement } from './hast';

export interface DocCitation {
  /** N in `#doc_N`. */
  ordinal: number;
  /** First cited page (1-based), if any. */
  page?: number;
  /** Last page of a range (`p.5–7`). */
  pageEnd?: number;
}

export type CitationSegment =
  { type: 'text'; value: string } | { type: 'cite'; refs: DocCitation[] };

const REF = String.raw`#doc_(\d{1,4})(?:\s*,?\s*pp?\.\s?(\d{1,5})(?:\s?[–—-]\s?(\d{1,5}))?)?`;
const BRACKET = new RegExp(String.raw`\[\s*(${REF}(?:\s*[;,]\s*${REF})*)\s*\]`, 'g');
const SINGLE = new RegExp(REF, 'g');

function toRef(ordinal: string, page?: string, pageEnd?: string): DocCitation | null {
  const n = Number(ordinal);
  if (!Number.isInteger(n) || n < 1) return null;
  const ref: DocCitation = { ordinal: n };
  if (page !== undefined) {
    const first = Number(page);
    if (first >= 1) {
      ref.page = first;
      if (pageEnd !== undefined) {
        const last = Number(pageEnd);
        if (last > first) ref.pageEnd = last;
      }
    }
  }
  return ref;
}

/** The citations of one bracket's inner text (`#doc_1 p.2; #doc_3`). */
function parseRefs(inner: string): DocCitation[] {
  const refs: DocCitation[] = [];
  for (const match of inner.matchAll(SINGLE)) {
    const ref = match[1] === undefined ? null : toRef(match[1], match[2], match[3]);
    if (ref) refs.push(ref);
  }
  return refs;
}

/** Splits text into plain runs and citation brackets; text without citations is one run. */
export function splitCitations(text: string): CitationSegment[] {
  const out: CitationSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(BRACKET)) {
    const refs = parseRefs(match[1] ?? '');
    if (refs.length === 0) continue;
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    out.push({ type: 'cite', refs });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

/** The label a citation shows: `#doc_2 p.5–7`. */
export function citationLabel(ref: DocCitation): string {
  if (ref.page === undefined) return `#doc_${String(ref.ordinal)}`;
  const pages =
    ref.pageEnd === undefined
      ? `p.${String(ref.page)}`
      : `p.${String(ref.page)}–${String(ref.pageEnd)}`;
  return `#doc_${String(ref.ordinal)} ${pages}`;
}

/** Marker property on the generated `<cite>`; its value is the JSON of the refs. */
export const CITATION_PROPERTY = 'dataDocCitations';

/** Reads the refs back from a generated `<cite>` (null for a `<cite>` that is not ours). */
export function citationsOf(node: HastElement | undefined): DocCitation[] | null {
  const raw = node?.properties[CITATION_PROPERTY];
  if (typeof raw !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    const refs: DocCitation[] = [];
    for (const item of parsed) {
      if (typeof item !== 'object' || item === null) continue;
      const { ordinal, page, pageEnd } = item as Record<string, unknown>;
      if (typeof ordinal !== 'number') continue;
      const ref: DocCitation = { ordinal };
      if (typeof page === 'number') ref.page = page;
      if (typeof pageEnd === 'number') ref.pageEnd = pageEnd;
      refs.push(ref);
    }
    return refs.length > 0 ? refs : null;
  } catch {
    return null;
  }
}

type HastChild = HastElement['children'][number];
interface HastParent {
  type: string;
  tagName?: string;
  children: HastChild[];
}

/** Citations are plain text: never rewritten inside code, links, math or other citations. */
const SKIP = new Set(['code', 'pre', 'a', 'cite', 'kbd', 'samp', 'script', 'style', 'textarea']);

function citeElement(refs: DocCitation[]): HastElement {
  return {
    type: 'element',
    tagName: 'cite',
    properties: { [CITATION_PROPERTY]: JSON.stringify(refs) },
    children: [{ type: 'text', value: refs.map(citationLabel).join('; ') }],
  };
}

function transform(parent: HastParent): void {
  // Adjacent text nodes (the parser may split at brackets) are merged before matching.
  const merged: HastChild[] = [];
  for (const child of parent.children) {
    const previous = merged.at(-1);
    if (child.type === 'text' && previous?.type === 'text') {
      merged[merged.length - 1] = { type: 'text', value: previous.value + child.value };
    } else {
      merged.push(child);
    }
  }
  const next: HastChild[] = [];
  let changed = merged.length !== parent.children.length;
  for (const child of merged) {
    if (child.type === 'element') {
      if (!SKIP.has(child.tagName)) transform(child);
      next.push(child);
      continue;
    }
    if (child.type !== 'text' || !child.value.includes('#doc_')) {
      next.push(child);
      continue;
    }
    const segments = splitCitations(child.value);
    if (segments.length === 1 && segments[0]?.type === 'text') {
      next.push(child);
      continue;
    }
    changed = true;
    for (const segment of segments) {
      next.push(
        segment.type === 'text'
          ? { type: 'text', value: segment.value }
          : citeElement(segment.refs),
      );
    }
  }
  if (changed) parent.children = next;
}

/**
 * Rehype plugin: runs after `rehype-sanitize`, so the `<cite>` it adds is ours (numbers only, no
 * markup from the model) and is not filtered.
 */
export function rehypeDocCitations() {
  return (tree: HastParent) => {
    transform(tree);
  };
}
