/** "One memory per line": the lines of the bulk-add box, cleaned of list markers. */
import { PKB_LIMITS } from '@margin/shared';

const BULLET = /^(?:[-*•·→>]\s+|\d{1,3}[.)\-:]\s+)/u;

export function bulkLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(BULLET, '').trim();
    if (line !== '' && !out.includes(line)) out.push(line);
  }
  return out;
}

/** An error to show under the box, or undefined when the lines can be saved. */
export function bulkError(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return 'Write at least one memory, one per line';
  if (lines.length > PKB_LIMITS.bulkMax) {
    return `At most ${String(PKB_LIMITS.bulkMax)} memories at once (you have ${String(lines.length)})`;
  }
  const long = lines.findIndex((l) => l.length > PKB_LIMITS.statementMax);
  if (long >= 0) {
    return `Line ${String(long + 1)} is longer than ${String(PKB_LIMITS.statementMax)} characters`;
  }
  return undefined;
}
