/**
 * `@memory` in the composer: the token being typed, the palette entries for it, and the
 * `@memory:<id>` references already in a message. Pure, so it is tested without a browser.
 */
import type { Claim } from '@margin/shared';
import type { SlashCommand } from '../chat/commands';
import { shorten } from './labels';

/**
 * The `@…` token before the caret: at the start or after a space or an opening bracket (so an
 * email address never opens the palette). `@m`, `@memory` and `@memory:` mean "any memory";
 * other text is searched for.
 */
export function memoryQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[\s([{"'])@([^\s@]{0,60})$/.exec(before);
  if (!match) return null;
  const typed = match[1] ?? '';
  const start = before.length - typed.length - 1;
  const lower = typed.toLowerCase();
  if ('memory'.startsWith(lower) || lower === 'memory:' || lower === 'mem:') {
    return { query: '', start };
  }
  const prefixed = /^(?:memory|mem):(.*)$/i.exec(typed);
  return { query: (prefixed ? (prefixed[1] ?? '') : typed).replace(/_/g, ' '), start };
}

/** Palette entries: choosing one inserts `@memory:<id>`. */
export function memoryCommands(claims: readonly Pick<Claim, 'id' | 'statement'>[]): SlashCommand[] {
  const seen = new Set<string>();
  const out: SlashCommand[] = [];
  for (const claim of claims) {
    if (seen.has(claim.id)) continue;
    seen.add(claim.id);
    out.push({
      sigil: '@',
      name: `memory:${claim.id}`,
      label: '@memory',
      description: shorten(claim.statement, 90),
    });
  }
  return out;
}

/** Ids referenced as `@memory:<id>` or `@mem:<id>`, in order, without repeats. */
export function referencedMemoryIds(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s([{"'])@(?:memory|mem):([A-Za-z0-9_-]{1,64})/g)) {
    const id = match[1];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Removes one reference (and the space after it) from the text. */
export function removeReference(text: string, id: string): string {
  const escaped = id.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return text.replace(new RegExp(`@(?:memory|mem):${escaped}(?![A-Za-z0-9_-])\\s?`, 'g'), '');
}
