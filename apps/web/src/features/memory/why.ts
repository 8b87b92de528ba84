/** "Why was this recalled": the signals of a recall, in words a person reads at a glance. */
import type { RecallWhy } from '@margin/shared';

export type RecallVia = NonNullable<RecallWhy['via']>;

export const VIA_LABELS: Record<RecallVia, string> = {
  pinned: 'Pinned',
  referenced: 'Referenced',
  attached: 'Attached',
  conversation_pinned: 'Pinned to this chat',
  search: 'Found by search',
};

/** Why a via was used, as a sentence (tooltips, screen readers). */
export const VIA_DESCRIPTIONS: Record<RecallVia, string> = {
  pinned: 'Pinned memories are used in every answer.',
  referenced: 'You referenced it with @memory in the message.',
  attached: 'You attached it to the message.',
  conversation_pinned: 'It is pinned to this conversation.',
  search: 'It matched what you asked.',
};

/** `0.8312` → `"0.83"`. */
function two(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/**
 * The score signals, compactly: "text match #2 · meaning 0.83". Empty when the claim was not
 * found by search (pinned, referenced…), so the via alone explains it.
 */
export function formatWhy(why: RecallWhy): string {
  const parts: string[] = [];
  if (why.fts) parts.push(`text match #${String(why.fts.rank)}`);
  if (why.embedding) parts.push(`meaning ${two(why.embedding.cosine)}`);
  return parts.join(' · ');
}

/** Longer, for a tooltip: includes the fused score. */
export function describeWhy(why: RecallWhy): string {
  const parts: string[] = [];
  if (why.via) parts.push(VIA_DESCRIPTIONS[why.via]);
  if (why.fts) {
    parts.push(`Ranked #${String(why.fts.rank)} by the words it shares with the query.`);
  }
  if (why.embedding) {
    parts.push(
      `Ranked #${String(why.embedding.rank)} by meaning (similarity ${two(why.embedding.cosine)}).`,
    );
  }
  if (why.fts ?? why.embedding) parts.push(`Combined score ${why.rrf.toFixed(4)}.`);
  return parts.join(' ');
}

/** Confidence 0–1 as a percentage, or null when unknown. */
export function formatConfidence(confidence: number | null | undefined): string | null {
  if (confidence === null || confidence === undefined) return null;
  return `${String(Math.round(confidence * 100))}%`;
}
