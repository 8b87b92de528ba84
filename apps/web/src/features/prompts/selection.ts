import { PROMPT_SCOPES, type PromptScope } from '@margin/shared';
import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { PromptKey } from './types';

export const PROMPTS_PATH = '/prompts';

const isScope = (value: string | null): value is PromptScope =>
  (PROMPT_SCOPES as readonly (string | null)[]).includes(value);

/** `/prompts?prompt=<name>&scope=<scope>`: a real URL, so reload, back and links work. */
export function promptHref(key: PromptKey | null): string {
  if (!key) return PROMPTS_PATH;
  const params = new URLSearchParams({ prompt: key.name });
  if (key.scope) params.set('scope', key.scope);
  return `${PROMPTS_PATH}?${params.toString()}`;
}

export function sameKey(a: PromptKey | null, b: PromptKey | null): boolean {
  if (!a || !b) return a === b;
  return a.name === b.name && (a.scope ?? null) === (b.scope ?? null);
}

/** The prompt selected in the URL, and a way to change it (a navigation: the guard sees it). */
export function usePromptSelection(): {
  selected: PromptKey | null;
  select: (key: PromptKey | null, options?: { replace?: boolean }) => void;
} {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const name = params.get('prompt');
  const scope = params.get('scope');
  const selected = name ? { name, scope: isScope(scope) ? scope : undefined } : null;
  const select = useCallback(
    (key: PromptKey | null, options?: { replace?: boolean }) => {
      void navigate(promptHref(key), { replace: options?.replace ?? false });
    },
    [navigate],
  );
  return { selected, select };
}
