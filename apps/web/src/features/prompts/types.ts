import type { PromptScope } from '@margin/shared';
import type { RouterOutputs } from '../../lib/trpc';

export type PromptListItem = RouterOutputs['prompts']['list'][number];
export type PromptDetail = RouterOutputs['prompts']['get'];
export type PromptVersion = RouterOutputs['prompts']['versions'][number];

/** Which prompt: a name alone means "the one I see" (personal shadows global). */
export interface PromptKey {
  name: string;
  scope?: PromptScope | undefined;
}

/** Initial values for the create dialog (e.g. "Make a personal copy"). */
export interface PromptDraftSeed {
  name?: string;
  content?: string;
  description?: string;
  category?: string;
  tags?: string[];
}

export const SCOPE_LABELS: Record<PromptScope, string> = {
  personal: 'Personal',
  global: 'Global',
};
