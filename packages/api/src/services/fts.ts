/**
 * Turning what a person typed into a safe SQLite FTS5 query. Shared by conversation search and,
 * later, document and memory (PKB) search.
 *
 * FTS5 has its own query language: `-`, `"`, `*`, `:`, `^`, `(`, `)`, `+` and the keywords AND, OR,
 * NOT and NEAR all mean something, so raw text either fails with a syntax error or silently
 * searches for something else. Every term is therefore wrapped in double quotes (a quoted string
 * is always a plain phrase to FTS5), inner quotes doubled. Punctuation inside a quoted term is
 * handled by the tokenizer exactly as when the text was indexed, so `state-of-the-art` finds
 * "state of the art".
 */

/** Longest query we build: more terms than this are dropped (every term narrows the AND anyway). */
export const FTS_MAX_TERMS = 32;

/** Characters the unicode61 tokenizer keeps in tokens: letters, numbers, private use. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
/** Control characters: a NUL ends the FTS5 query string early ("unterminated string"). */
const CONTROL_CHARS = /\p{Cc}/gu;

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * An FTS5 MATCH expression that finds rows containing every term of `raw` (AND), the last term
 * as a prefix (search-as-you-type); or null when `raw` has no searchable term (empty, blank,
 * punctuation only) — callers then return no results without querying.
 */
export function toFtsQuery(raw: string): string | null {
  const terms = raw
    .replace(CONTROL_CHARS, ' ')
    .split(/\s+/u)
    .filter((term) => TOKEN_CHAR.test(term))
    .slice(0, FTS_MAX_TERMS);
  if (terms.length === 0) return null;
  // The `*` goes outside the quotes: `"foo"*` is a prefix query for the string's last token.
  return terms
    .map((term, i) => (i === terms.length - 1 ? `${quote(term)}*` : quote(term)))
    .join(' ');
}
