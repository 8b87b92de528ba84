import { DOUBT_LIMITS, type LlmAction } from '@margin/shared';
import { Baby, ChevronsUpDown, Lightbulb, MessageSquareText, SearchCheck } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';

export interface ActionMeta {
  /** Button label. */
  label: string;
  /** Side chat title. */
  title: string;
  /** What the first turn of the side chat says the user asked. */
  request: string;
  icon: LucideIcon;
}

export const ACTION_META: Record<LlmAction, ActionMeta> = {
  explain: {
    label: 'Explain',
    title: 'Explain',
    request: 'Explain the selected text.',
    icon: Lightbulb,
  },
  critique: {
    label: 'Critique',
    title: 'Critique',
    request: 'Critique the selected text.',
    icon: SearchCheck,
  },
  expand: {
    label: 'Expand',
    title: 'Expand',
    request: 'Expand on the selected text.',
    icon: ChevronsUpDown,
  },
  eli5: {
    label: 'ELI5',
    title: "Explain like I'm 5",
    request: "Explain the selected text like I'm five.",
    icon: Baby,
  },
  ask: {
    label: 'Ask…',
    title: 'Ask about the selection',
    request: 'Question about the selected text.',
    icon: MessageSquareText,
  },
};

/** The one-click actions (Ask needs a question). */
export const PRESET_ACTIONS = ['explain', 'critique', 'expand', 'eli5'] as const;

const QUOTE_MAX = 1200;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= QUOTE_MAX ? flat : `${flat.slice(0, QUOTE_MAX - 1).trimEnd()}…`;
}

/** The question stored with a saved exchange: the action (or question) and the selection. */
export function savedQuestion(
  turn: { content: string; action?: LlmAction | undefined },
  selectedText: string,
  first: boolean,
): string {
  if (!first) return turn.content;
  const action = turn.action ?? 'ask';
  const lead = action === 'ask' ? turn.content : ACTION_META[action].title;
  return `${lead}: “${quote(selectedText)}”`.slice(0, DOUBT_LIMITS.questionMax);
}
