import type { Message } from '@margin/shared';

export interface AnswerGroups {
  /** Index of the first answer of a multi-model turn → all answers of that turn. */
  heads: Map<number, Message[]>;
  /** Indexes shown inside the head's tabs (their rows render nothing). */
  folded: Set<number>;
}

const EMPTY: AnswerGroups = { heads: new Map(), folded: new Set() };

/**
 * Answers of one multi-model turn: consecutive assistant messages created in the same instant
 * (the server writes a turn's placeholders together).
 */
export function answerGroups(messages: readonly Message[]): AnswerGroups {
  let groups: AnswerGroups | null = null;
  let head = -1;
  for (let i = 1; i < messages.length; i++) {
    const message = messages[i];
    const previous = messages[i - 1];
    const sameTurn =
      message?.role === 'assistant' &&
      previous?.role === 'assistant' &&
      message.createdAt.getTime() === previous.createdAt.getTime();
    if (!sameTurn) {
      head = -1;
      continue;
    }
    groups ??= { heads: new Map(), folded: new Set() };
    if (head < 0) {
      head = i - 1;
      groups.heads.set(head, [previous]);
    }
    groups.heads.get(head)?.push(message);
    groups.folded.add(i);
  }
  return groups ?? EMPTY;
}
