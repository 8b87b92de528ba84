/**
 * Batches "section hidden" changes: toggles made within a short time (across all messages of
 * all conversations) are written in one `sections.update` per conversation. Lives at module
 * level so a message scrolling out of the virtualised list cannot drop a pending write.
 */
export type SectionStatesSender = (
  conversationId: string,
  states: Record<string, boolean>,
) => Promise<unknown>;

const DELAY_MS = 400;
const pending = new Map<string, Record<string, boolean>>();
let timer: ReturnType<typeof setTimeout> | undefined;
let sender: SectionStatesSender | undefined;

export function flushSectionStates(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const send = sender;
  if (!send) return;
  const batches = [...pending];
  pending.clear();
  for (const [conversationId, states] of batches) void send(conversationId, states);
}

export function queueSectionState(
  send: SectionStatesSender,
  conversationId: string,
  sectionId: string,
  hidden: boolean,
): void {
  sender = send;
  pending.set(conversationId, { ...pending.get(conversationId), [sectionId]: hidden });
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(flushSectionStates, DELAY_MS);
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flushSectionStates);
