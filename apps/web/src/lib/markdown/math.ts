import { segmentCode } from './scan';

/** Index of `token` (which starts with a backslash) after `from`, skipping escaped pairs. */
function findClosing(text: string, token: string, from: number, multiline: boolean): number {
  let j = from;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') {
      if (text.startsWith(token, j)) return j;
      j += 2;
      continue;
    }
    if (!multiline && ch === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 64))) return -1;
    j++;
  }
  return -1;
}

const LINE_PREFIX = /^([ \t>]*)((?:[-*+]|\d{1,9}[.)])[ \t]+)?/;

/**
 * How display math must be written on the current line: whether `\[` sits at the start of the
 * line's content (after indentation, quote markers or a list marker), and the prefix continuation
 * lines need to stay inside the same list item or quote.
 */
function lineContext(written: string): { atStart: boolean; continuation: string } {
  const line = written.slice(written.lastIndexOf('\n') + 1);
  const match = LINE_PREFIX.exec(line);
  const structure = match?.[0] ?? '';
  const quoteAndIndent = match?.[1] ?? '';
  const listMarker = match?.[2] ?? '';
  return {
    atStart: line.slice(structure.length).trim() === '',
    continuation: quoteAndIndent + ' '.repeat(listMarker.length),
  };
}

function displayMath(content: string, written: string, textFollows: boolean): string {
  const { atStart, continuation } = lineContext(written);
  const before = atStart ? '' : `\n${continuation}`;
  const after = textFollows ? `\n${continuation}` : '';
  return `${before}$$\n${continuation}${content.trim()}\n${continuation}$$${after}`;
}

function convertProse(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '(' || next === '[') {
      const inline = next === '(';
      const end = findClosing(text, inline ? '\\)' : '\\]', i + 2, !inline);
      const content = end >= 0 ? text.slice(i + 2, end) : '';
      if (content.trim()) {
        i = end + 2;
        if (inline) {
          out += `$${content.trim()}$`;
          continue;
        }
        // Nothing else on the line after `\]`: end the block there instead of opening a new line.
        const rest = /^[ \t]*(?=\n|$)/.exec(text.slice(i));
        out += displayMath(content, out, rest === null);
        if (rest) i += rest[0].length;
        continue;
      }
    }
    // Any other escape pair is copied as is, so `\\(` stays a literal backslash and parenthesis.
    out += text.slice(i, i + 2);
    i += 2;
  }
  return out;
}

/**
 * Rewrites LaTeX's `\(…\)` and `\[…\]` delimiters into the `$…$` and `$$…$$` forms remark-math
 * understands. Code blocks and inline code are left exactly as written.
 */
export function normalizeMathDelimiters(markdown: string): string {
  if (!markdown.includes('\\(') && !markdown.includes('\\[')) return markdown;
  return segmentCode(markdown)
    .map((segment) => (segment.code ? segment.text : convertProse(segment.text)))
    .join('');
}
