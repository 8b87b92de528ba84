/**
 * Markdown → text a speech model can read aloud. Pure and line-based: good enough for chat
 * answers (a full markdown parser would be overkill for deciding what to say). Code is never
 * read out (it is noise when spoken), links become their text, tables become one sentence per row.
 */

const CODE_FENCE = /^\s*(```|~~~)\s*([\w+#.-]*)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Simple TeX → words for short inline math; anything else is dropped by the caller. */
function speakMath(tex: string): string {
  const spoken = tex
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1 over $2')
    .replace(/\\sqrt\{([^{}]*)\}/g, 'square root of $1')
    .replace(/\^\{?2\}?/g, ' squared')
    .replace(/\^\{?3\}?/g, ' cubed')
    .replace(/\^\{([^{}]*)\}|\^(\w)/g, ' to the power of $1$2')
    .replace(/_\{([^{}]*)\}|_(\w)/g, ' sub $1$2')
    .replace(/\\times|\\cdot/g, ' times ')
    .replace(/\\(leq?|le)\b/g, ' less than or equal to ')
    .replace(/\\(geq?|ge)\b/g, ' greater than or equal to ')
    .replace(/\\neq?\b/g, ' not equal to ')
    .replace(/\\(pi|alpha|beta|gamma|delta|theta|lambda|mu|sigma|omega)\b/g, ' $1 ')
    .replace(/=/g, ' equals ')
    .replace(/\+/g, ' plus ')
    .replace(/(\w|\s)-(\s|\w)/g, '$1 minus $2')
    .replace(/[{}\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Long or heavy formulas read badly; skip them.
  return spoken.length > 80 ? '' : spoken;
}

/** Inline markdown → plain words. */
function speakInline(line: string): string {
  return (
    line
      // Inline math first: `$` would otherwise survive as a character.
      .replace(/\$\$([^$]+)\$\$|\$([^$\n]+)\$/g, (_m, a?: string, b?: string) =>
        speakMath(a ?? b ?? ''),
      )
      .replace(/\\\((.+?)\\\)/g, (_m, tex: string) => speakMath(tex))
      // Images say nothing useful aloud beyond their alt text.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(https?:\/\/[^>]+)>/g, 'link')
      .replace(/https?:\/\/\S+/g, 'link')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')
      .replace(/~~(.+?)~~/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function endSentence(text: string): string {
  return /[.!?:;]$/.test(text) ? text : `${text}.`;
}

function tableRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => speakInline(cell));
}

/** The speakable text of a markdown answer; paragraphs separated by blank lines. */
export function toSpeakableText(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(paragraph.join(' '));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = CODE_FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').trim().startsWith(marker)) j++;
      const language = fence[2] ? `${fence[2]} ` : '';
      out.push(`(${language}code omitted)`);
      i = j;
      continue;
    }
    if (/^\s*\$\$\s*$/.test(line)) {
      // Display math block: dropped (formulas of several lines do not read well).
      flush();
      let j = i + 1;
      while (j < lines.length && !/^\s*\$\$\s*$/.test(lines[j] ?? '')) j++;
      out.push('(formula omitted)');
      i = j;
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      const header = tableRow(line);
      let j = i + 1;
      if (TABLE_SEPARATOR.test(lines[j] ?? '')) j++;
      const rows: string[] = [];
      while (j < lines.length && /^\s*\|.*\|\s*$/.test(lines[j] ?? '')) {
        const cells = tableRow(lines[j] ?? '');
        rows.push(
          endSentence(
            cells
              .map((c, k) => (header[k] ? `${header[k]}: ${c}` : c))
              .filter((c) => c.trim() !== '')
              .join(', '),
          ),
        );
        j++;
      }
      out.push(rows.length ? rows.join(' ') : endSentence(header.join(', ')));
      i = j - 1;
      continue;
    }
    if (line.trim() === '' || /^\s*([-*_])\s*(\1\s*){2,}$/.test(line)) {
      flush();
      continue;
    }
    const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const text = speakInline(heading[1] ?? '');
      if (text) out.push(endSentence(text));
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (item) {
      flush();
      const text = speakInline(item[1] ?? '');
      if (text) out.push(endSentence(text));
      continue;
    }
    const text = speakInline(line.replace(/^\s*>\s?/, ''));
    if (text) paragraph.push(text);
  }
  flush();
  return out.join('\n\n').trim();
}

/** Sentences of `text` (keeps the punctuation; paragraph breaks end a sentence too). */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .flatMap((p) => p.match(/[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The first `n` sentences: the short variant when no fast model can condense. */
export function firstSentences(text: string, n: number): string {
  return splitSentences(text).slice(0, n).join(' ');
}

/**
 * Parts of at most `limit` characters, cut at sentence boundaries (a single longer sentence is
 * cut at a space, or hard as a last resort). Order is preserved.
 */
export function chunkForSpeech(text: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= limit) current = `${current} ${piece}`;
    else {
      parts.push(current);
      current = piece;
    }
  };
  for (const sentence of splitSentences(text)) {
    let rest = sentence;
    while (rest.length > limit) {
      const cut = rest.lastIndexOf(' ', limit);
      const at = cut > limit / 2 ? cut : limit;
      push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) push(rest);
  }
  if (current) parts.push(current);
  return parts;
}
