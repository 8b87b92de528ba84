import type { Message } from '@margin/shared';
import type { EphemeralTurn } from './store';

const START = '\u0000start';
const END = '\u0000end';

/** Stored messages with the unsaved turns placed after the message they followed. */
export function withEphemeralTurns(stored: Message[], turns: readonly EphemeralTurn[]): Message[] {
  if (turns.length === 0) return stored;
  const ids = new Set(stored.map((m) => m.id));
  const slots = new Map<string, Message[]>();
  for (const turn of turns) {
    // A turn whose anchor is gone (deleted, or the list was reset) goes to the end.
    const slot = turn.afterId === null ? START : ids.has(turn.afterId) ? turn.afterId : END;
    slots.set(slot, [...(slots.get(slot) ?? []), ...turn.messages]);
  }
  const out: Message[] = [...(slots.get(START) ?? [])];
  for (const message of stored) out.push(message, ...(slots.get(message.id) ?? []));
  out.push(...(slots.get(END) ?? []));
  return out;
}
