import type { PromptScope } from '@margin/shared';

/** The fields of a listed prompt the filters look at. */
export interface FilterablePrompt {
  name: string;
  description: string;
  category: string;
  tags: string[];
  scope: PromptScope;
}

export type ScopeFilter = 'all' | PromptScope;

export interface PromptFilters {
  /** Free text: every word must appear in the name, description, category or a tag. */
  query: string;
  /** Empty: any category. */
  category: string;
  scope: ScopeFilter;
  /** A prompt must carry every selected tag. */
  tags: string[];
}

export const NO_FILTERS: PromptFilters = { query: '', category: '', scope: 'all', tags: [] };

export function hasActiveFilters(filters: PromptFilters): boolean {
  return (
    filters.query.trim() !== '' ||
    filters.category !== '' ||
    filters.scope !== 'all' ||
    filters.tags.length > 0
  );
}

function haystack(prompt: FilterablePrompt): string {
  return [
    prompt.name,
    prompt.name.replaceAll('_', ' '),
    prompt.description,
    prompt.category,
    ...prompt.tags,
  ]
    .join('\n')
    .toLowerCase();
}

export function matchesFilters(prompt: FilterablePrompt, filters: PromptFilters): boolean {
  if (filters.scope !== 'all' && prompt.scope !== filters.scope) return false;
  if (filters.category !== '' && prompt.category !== filters.category) return false;
  if (!filters.tags.every((tag) => prompt.tags.includes(tag))) return false;
  const words = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(prompt);
  return words.every((word) => text.includes(word));
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Personal prompts first, then global ones; alphabetical within each. */
export function sortPrompts<P extends FilterablePrompt>(prompts: readonly P[]): P[] {
  return [...prompts].sort((a, b) =>
    a.scope === b.scope ? collator.compare(a.name, b.name) : a.scope === 'personal' ? -1 : 1,
  );
}

export function filterPrompts<P extends FilterablePrompt>(
  prompts: readonly P[],
  filters: PromptFilters,
): P[] {
  return sortPrompts(prompts.filter((prompt) => matchesFilters(prompt, filters)));
}

export interface Facets {
  categories: string[];
  /** Most used first, then alphabetical. */
  tags: { tag: string; count: number }[];
}

/** Categories and tags in use, for the filter controls and the editor's suggestions. */
export function collectFacets(prompts: readonly FilterablePrompt[]): Facets {
  const categories = new Set<string>();
  const tagCounts = new Map<string, number>();
  for (const prompt of prompts) {
    if (prompt.category) categories.add(prompt.category);
    for (const tag of prompt.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  }
  return {
    categories: [...categories].sort(collator.compare),
    tags: [...tagCounts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag)),
  };
}
