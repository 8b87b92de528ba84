/** Code-aware scanning of markdown source, shared by the math pre-processor and section splitting. */

export interface Segment {
  /** True for fenced code blocks and inline code spans: text that must be left untouched. */
  code: boolean;
  text: string;
}

export interface Fence {
  char: '`' | '~';
  length: number;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;

/** The fence a line opens, if any (LLM output often indents fences inside lists, so any indent). */
export function fenceOpening(line: string): Fence | null {
  const match = FENCE.exec(line.replace(/\r?\n$/, ''));
  const marker = match?.[1];
  if (!marker) return null;
  const char = marker.startsWith('`') ? '`' : '~';
  // A backtick fence's info string cannot contain backticks (that is inline code instead).
  if (char === '`' && (match[2] ?? '').includes('`')) return null;
  return { char, length: marker.length };
}

/** Whether a line closes the given fence: same character, at least as long, nothing after. */
export function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  if (trimmed.length < fence.length) return false;
  for (const ch of trimmed) if (ch !== fence.char) return false;
  return true;
}

/** Splits into lines, each keeping its trailing newline, so joining them gives the input back. */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

class SegmentList {
  readonly items: Segment[] = [];
  push(code: boolean, text: string): void {
    if (!text) return;
    const last = this.items[this.items.length - 1];
    if (last?.code === code) last.text += text;
    else this.items.push({ code, text });
  }
}

/** True when the text at `index` (a newline) starts a blank line: the paragraph ends there. */
function blankLineAt(text: string, index: number): boolean {
  let j = index + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return text[j] === '\n' || j >= text.length;
}

/** Index of the backtick run of exactly `length` that closes a code span opened before `from`. */
function closingRun(text: string, from: number, length: number): number {
  let j = from;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '`') {
      let run = 1;
      while (text[j + run] === '`') run++;
      if (run === length) return j;
      j += run;
    } else if (ch === '\n' && blankLineAt(text, j)) {
      return -1;
    } else {
      j++;
    }
  }
  return -1;
}

function splitInlineCode(text: string, out: SegmentList): void {
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run++;
    const close = closingRun(text, i + run, run);
    if (close < 0) {
      i += run;
      continue;
    }
    out.push(false, text.slice(start, i));
    out.push(true, text.slice(i, close + run));
    i = start = close + run;
  }
  out.push(false, text.slice(start));
}

/**
 * Splits markdown into prose and code: fenced blocks (``` or ~~~, an unclosed fence runs to the
 * end) and inline code spans. Joining the segments' text gives the input back unchanged.
 */
export function segmentCode(markdown: string): Segment[] {
  const out = new SegmentList();
  let prose = '';
  let block = '';
  let fence: Fence | null = null;
  for (const line of splitLines(markdown)) {
    if (fence) {
      block += line;
      if (closesFence(line, fence)) {
        out.push(true, block);
        block = '';
        fence = null;
      }
      continue;
    }
    const opened = fenceOpening(line);
    if (opened) {
      splitInlineCode(prose, out);
      prose = '';
      fence = opened;
      block = line;
      continue;
    }
    prose += line;
  }
  splitInlineCode(prose, out);
  out.push(true, block);
  return out.items;
}
