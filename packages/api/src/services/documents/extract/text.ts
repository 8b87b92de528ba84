/** Markdown and plain text: kept as written. */
import { decodeText, normalizeText } from './decode.js';
import { DocumentRejected } from './errors.js';
import { cleanTitle, firstLine } from './title.js';
import type { ExtractedDocument } from './types.js';

/** Front matter `title:`, then the first level-1 heading (ATX or setext), then the first line. */
export function markdownTitle(text: string): string | undefined {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontTitle = front?.[1] && /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1])?.[1];
  if (frontTitle) return cleanTitle(frontTitle);
  const body = front ? text.slice(front[0].length) : text;
  const heading = /^ {0,3}#(?!#)\s+(.+?)(?:\s+#+)?\s*$|^(\S.*)\n=+[ \t]*$/m.exec(body);
  const found = heading?.[1] ?? heading?.[2];
  if (found !== undefined) {
    const title = cleanTitle(stripInlineMarkdown(found));
    if (title !== undefined) return title;
  }
  const line = firstLine(body);
  return line === undefined
    ? undefined
    : cleanTitle(stripInlineMarkdown(line.replace(/^#+\s*/, '')));
}

function stripInlineMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .trim();
}

export function extractText(args: {
  bytes: Uint8Array;
  kind: 'markdown' | 'text';
  mimeType: string;
}): ExtractedDocument {
  const text = normalizeText(decodeText(args.bytes, args.mimeType));
  if (text.trim() === '') throw new DocumentRejected('This file has no text in it.');
  const title = args.kind === 'markdown' ? markdownTitle(text) : firstLine(text);
  return { kind: args.kind, pages: [{ page: 1, text }], title };
}
