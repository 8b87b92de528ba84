/**
 * Splits growing markdown into finished blocks plus the tail still being written, so a streamed
 * answer re-parses only its tail. A cut is made only at a blank line outside fenced code, `$$`
 * math and `<details>`, and not where the next line continues a list or an indented block.
 */
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const CONTINUES = /^(?:[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|\|)/;

export function splitStreamingBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let inMath = false;
  let details = 0;
  let listOpen = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
    } else if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
    } else {
      if (line.trim() === '$$') inMath = !inMath;
      details +=
        (line.match(/<details\b/gi)?.length ?? 0) - (line.match(/<\/details>/gi)?.length ?? 0);
      details = Math.max(0, details);
      if (/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(line)) listOpen = true;
      else if (line.trim() !== '' && !/^[ \t]/.test(line)) listOpen = false;
    }
    current.push(line);
    const next = lines[i + 1];
    const safe =
      line.trim() === '' &&
      fence === null &&
      !inMath &&
      details === 0 &&
      next !== undefined &&
      next.trim() !== '' &&
      !(listOpen && CONTINUES.test(next)) &&
      !/^[ \t]/.test(next) &&
      current.some((l) => l.trim() !== '');
    if (safe) {
      blocks.push(current.join('\n'));
      current = [];
      listOpen = false;
    }
  }
  blocks.push(current.join('\n'));
  return blocks;
}
