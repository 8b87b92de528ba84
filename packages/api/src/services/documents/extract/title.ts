/** Heuristic titles: short, one line, and only when they say something. */

const MAX_TITLE = 200;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Code points in `text`, stopping early once past `limit`. */
function codePoints(text: string, limit: number): number {
  let n = 0;
  for (const _ of text) if (++n > limit) break;
  return n;
}

/**
 * Collapses whitespace and caps the length; undefined when nothing readable is left. Reads only
 * as much of `raw` as the result needs: a whole 50 MB line copied and split into characters
 * took seconds and gigabytes.
 */
export function cleanTitle(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  // A title needs at least one letter or digit; "----" or "***" is layout, not a title.
  // (Collapsing whitespace never adds or removes one, so `raw` can be tested as it is.)
  if (!/[\p{L}\p{N}]/u.test(raw)) return undefined;
  // The collapsed form of a prefix is a prefix of the collapsed whole, so once a prefix has
  // more than MAX_TITLE characters the cut below is the same as the whole line's.
  for (let read = 4 * MAX_TITLE; ; read *= 4) {
    const whole = read >= raw.length;
    const text = collapse(whole ? raw : raw.slice(0, read));
    const long = codePoints(text, MAX_TITLE) > MAX_TITLE;
    if (!long && whole) return text;
    if (long) {
      // MAX_TITLE - 1 code points fit in twice as many UTF-16 units.
      const cut = Array.from(text.slice(0, 2 * MAX_TITLE))
        .slice(0, MAX_TITLE - 1)
        .join('');
      const space = cut.lastIndexOf(' ');
      return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
    }
  }
}

/** The first line with readable text (lines found one at a time, not by splitting the text). */
export function firstLine(text: string): string | undefined {
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const title = cleanTitle(text.slice(start, end));
    if (title !== undefined) return title;
    start = end + 1;
  }
  return undefined;
}
