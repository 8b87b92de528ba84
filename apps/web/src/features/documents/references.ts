/**
 * `#doc` references in the composer: the token being typed, the suggestions for it, and inserting
 * a reference at the caret. Pure, so the palette logic is tested without a browser.
 */
import type { Document } from '@margin/shared';
import type { SlashCommand } from '../chat/commands';

export type ReferenceDocument = Pick<Document, 'ordinal' | 'title' | 'status'>;

/**
 * The `#…` token before the caret, when one is being typed: at the start or after a space or an
 * opening bracket, letters/digits/underscores only (`# Heading` closes it).
 */
export function referenceQuery(
  text: string,
  caret: number,
): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[\s([{"'])#([A-Za-z0-9_]{0,24})$/.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { query: query.toLowerCase(), start: before.length - query.length - 1 };
}

function statusNote(doc: ReferenceDocument): string {
  if (doc.status === 'failed') return ' (failed)';
  if (doc.status !== 'ready') return ' (indexing…)';
  return '';
}

function quoted(title: string): string {
  const short = title.length > 60 ? `${title.slice(0, 57)}…` : title;
  return `“${short}”`;
}

/** Every reference the conversation's documents allow, in the order the palette lists them. */
export function documentReferences(docs: readonly ReferenceDocument[]): SlashCommand[] {
  if (docs.length === 0) return [];
  const sorted = [...docs].sort((a, b) => a.ordinal - b.ordinal);
  const out: SlashCommand[] = sorted.map((doc) => ({
    sigil: '#',
    name: `doc_${String(doc.ordinal)}`,
    description: `${doc.title}${statusNote(doc)}`,
  }));
  out.push({ sigil: '#', name: 'doc_all', description: 'Use all documents of this conversation' });
  for (const doc of sorted) {
    out.push({
      sigil: '#',
      name: `summary_doc_${String(doc.ordinal)}`,
      description: `Show the stored summary of ${quoted(doc.title)} (send on its own)`,
    });
  }
  for (const doc of sorted) {
    out.push({
      sigil: '#',
      name: `full_doc_${String(doc.ordinal)}`,
      description: `Show the whole text of ${quoted(doc.title)} (send on its own)`,
    });
  }
  return out;
}

/**
 * Suggestions for a typed query: references whose name starts with it (`#d`, `#doc_1`, `#su`),
 * else `#doc_N` of documents whose title contains it (`#trace` finds the tracing paper).
 */
export function matchReferences(query: string, docs: readonly ReferenceDocument[]): SlashCommand[] {
  const all = documentReferences(docs);
  const q = query.toLowerCase();
  const byName = all.filter((ref) => ref.name.startsWith(q));
  if (byName.length > 0 || q === '') return byName;
  // `#3` means document 3.
  if (/^\d+$/.test(q)) return all.filter((ref) => ref.name === `doc_${q}`);
  return all.filter(
    (ref) => /^doc_\d+$/.test(ref.name) && ref.description.toLowerCase().includes(q),
  );
}

/**
 * Inserts `snippet` at the caret with a space on each side where needed (a reference must not
 * glue to a word). Returns the new text and the caret after the snippet.
 */
export function insertSnippet(
  text: string,
  caret: number,
  snippet: string,
): { text: string; caret: number } {
  const at = Math.max(0, Math.min(caret, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = /^\s/.test(after) ? '' : ' ';
  const inserted = `${lead}${snippet}${trail}`;
  return { text: before + inserted + after, caret: at + inserted.length };
}
