import { fnv1a32 } from './hash';
import { closesFence, fenceOpening, splitLines, type Fence } from './scan';

export interface MarkdownSection {
  /** `${conversationId}-${8 hex digits}`: FNV-1a of the section's text, stable across renders. */
  id: string;
  /** Its first heading, else its first line as plain text (shortened). */
  title: string;
  /** Markdown shown inside the section (without the heading when that heading is the title). */
  body: string;
}

/** A thematic break made of hyphens: `---`, `-----`, `- - -`. */
const RULE = /^ {0,3}(?:-[ \t]*){3,}$/;
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
/** Lines a `---` below cannot turn into a heading (they are not paragraph text). */
const NOT_PARAGRAPH =
  /^[ \t]*(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d{1,9}[.)][ \t]|\||<\/?[A-Za-z!]|\$\$|`{3,}|~{3,})/;
const TITLE_MAX = 60;

function isParagraphText(line: string): boolean {
  return line.trim() !== '' && !NOT_PARAGRAPH.test(line);
}

function countMatches(line: string, pattern: RegExp): number {
  return line.match(pattern)?.length ?? 0;
}

/**
 * Cuts the text at `---` rules that are real thematic breaks: not inside fenced code, `$$` math
 * or a `<details>` block, and not the underline of a setext heading (`Title` + `---`).
 */
function splitOnRules(markdown: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let previous = '';
  let fence: Fence | null = null;
  let inMath = false;
  let detailsDepth = 0;
  for (const line of splitLines(markdown)) {
    const bare = line.replace(/\r?\n$/, '');
    const opened: Fence | null = fence ? null : fenceOpening(line);
    if (fence) {
      if (closesFence(line, fence)) fence = null;
    } else if (opened) {
      fence = opened;
    } else {
      if (bare.trim() === '$$') inMath = !inMath;
      detailsDepth = Math.max(
        0,
        detailsDepth + countMatches(bare, /<details\b/gi) - countMatches(bare, /<\/details\s*>/gi),
      );
      if (!inMath && detailsDepth === 0 && RULE.test(bare) && !isParagraphText(previous)) {
        pieces.push(current);
        current = '';
        previous = '';
        continue;
      }
    }
    current += line;
    previous = bare;
  }
  pieces.push(current);
  return pieces;
}

/** Markdown of a short line reduced to plain words for a title. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]+/, '')
    .replace(/^#+[ \t]*/, '')
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function shorten(text: string): string {
  return text.length <= TITLE_MAX ? text : `${text.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

function describe(piece: string, index: number): { title: string; body: string } {
  const lines = piece.split('\n');
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const first = lines[firstIndex] ?? '';
  const heading = ATX_HEADING.exec(first);
  if (heading) {
    const title = plainText(heading[1] ?? '');
    if (title)
      return {
        title: shorten(title),
        body: trimBlankLines(lines.slice(firstIndex + 1).join('\n')),
      };
  }
  const fallback = `Section ${index + 1}`;
  if (fenceOpening(first) || first.trim() === '$$')
    return { title: fallback, body: trimBlankLines(piece) };
  return { title: shorten(plainText(first)) || fallback, body: trimBlankLines(piece) };
}

/** Section ids may only use letters, digits, `_` and `-` (and are at most 128 characters). */
function idPrefix(conversationId: string): string {
  return conversationId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
}

/**
 * Splits an answer into collapsible sections on `---` rules, like the original app did. Returns
 * one entry per non-empty piece; fewer than two entries means the answer has no sections.
 */
export function splitSections(markdown: string, conversationId: string): MarkdownSection[] {
  const prefix = idPrefix(conversationId);
  return splitOnRules(markdown)
    .filter((piece) => piece.trim() !== '')
    .map((piece, index) => ({
      id: `${prefix}-${fnv1a32(piece.trim())}`,
      ...describe(piece, index),
    }));
}

/** The distinct section ids of an answer ([] when it has no sections), in order. */
export function sectionIdsOf(markdown: string, conversationId: string): string[] {
  const sections = splitSections(markdown, conversationId);
  return sections.length < 2 ? [] : [...new Set(sections.map((section) => section.id))];
}
