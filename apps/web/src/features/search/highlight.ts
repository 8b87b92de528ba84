import { SEARCH_HIGHLIGHT } from '@margin/shared';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search snippet into plain and matched parts. The server marks matches with two control
 * characters (never HTML), so the result is rendered as text: nothing in a message can inject markup.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (text !== '') parts.push({ text, match });
  };
  for (const [index, chunk] of snippet.split(SEARCH_HIGHLIGHT.start).entries()) {
    if (index === 0) {
      push(chunk.replaceAll(SEARCH_HIGHLIGHT.end, ''), false);
      continue;
    }
    const end = chunk.indexOf(SEARCH_HIGHLIGHT.end);
    if (end === -1) {
      push(chunk, true);
    } else {
      push(chunk.slice(0, end), true);
      push(chunk.slice(end + 1).replaceAll(SEARCH_HIGHLIGHT.end, ''), false);
    }
  }
  return parts;
}
