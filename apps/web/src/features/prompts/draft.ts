import type { PromptDetail } from './types';

export interface PromptDraft {
  content: string;
  description: string;
  category: string;
  tags: string[];
}

export function draftOf(prompt: PromptDetail): PromptDraft {
  return {
    content: prompt.rawContent,
    description: prompt.description,
    category: prompt.category,
    tags: prompt.tags,
  };
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Only the fields that differ from the saved prompt (what `prompts.update` should send). */
export function changedFields(draft: PromptDraft, saved: PromptDraft): Partial<PromptDraft> {
  const changes: Partial<PromptDraft> = {};
  if (draft.content !== saved.content) changes.content = draft.content;
  if (draft.description.trim() !== saved.description) changes.description = draft.description;
  if (draft.category.trim() !== saved.category) changes.category = draft.category;
  if (!sameTags(draft.tags, saved.tags)) changes.tags = draft.tags;
  return changes;
}

export function isDirty(draft: PromptDraft, saved: PromptDraft): boolean {
  return Object.keys(changedFields(draft, saved)).length > 0;
}
