/** Heuristic titles: short, one line, and only when they say something. */

const MAX_TITLE = 200;

/** Collapses whitespace and caps the length; undefined when nothing readable is left. */
export function cleanTitle(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = raw.replace(/\s+/g, ' ').trim();
  // A title needs at least one letter or digit; "----" or "***" is layout, not a title.
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  const chars = Array.from(text);
  if (chars.length <= MAX_TITLE) return text;
  const cut = chars.slice(0, MAX_TITLE - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/** The first line with readable text. */
export function firstLine(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const title = cleanTitle(line);
    if (title !== undefined) return title;
  }
  return undefined;
}
