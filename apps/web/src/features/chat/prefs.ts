/** Composer options, remembered per domain in localStorage. */
import type { ChatOptions } from '@margin/shared';
import { useCallback, useState } from 'react';
import { z } from 'zod';
import { storage } from '../../lib/storage';

export type HistoryMode = 'turns' | 'all' | 'none';
export type Detail = 1 | 2 | 3 | 4;

export const DETAIL_LABELS: Record<Detail, string> = {
  1: 'Brief',
  2: 'Normal',
  3: 'Detailed',
  4: 'Exhaustive',
};

const prefsSchema = z.object({
  /** Empty: the server's default model. */
  models: z.array(z.string()).max(4).catch([]),
  historyMode: z.enum(['turns', 'all', 'none']).catch('turns'),
  historyTurns: z.number().int().min(0).max(100).catch(10),
  detail: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).catch(2),
  useMemoryPad: z.boolean().catch(false),
  persist: z.boolean().catch(true),
  promptNames: z.array(z.string()).max(10).catch([]),
  instructions: z.string().max(10_000).catch(''),
});

export type ChatPrefs = z.infer<typeof prefsSchema>;

export const DEFAULT_PREFS: ChatPrefs = {
  models: [],
  historyMode: 'turns',
  historyTurns: 10,
  detail: 2,
  useMemoryPad: false,
  persist: true,
  promptNames: [],
  instructions: '',
};

const key = (domain: string) => `margin.chatOptions.${domain}`;

export function loadPrefs(domain: string): ChatPrefs {
  const raw = storage.get(key(domain));
  if (!raw) return DEFAULT_PREFS;
  try {
    const parsed = prefsSchema.safeParse({ ...DEFAULT_PREFS, ...(JSON.parse(raw) as object) });
    return parsed.success ? parsed.data : DEFAULT_PREFS;
  } catch {
    return DEFAULT_PREFS;
  }
}

/** Options of the active domain; changes are saved at once. */
export function useChatPrefs(domain: string) {
  const [state, setState] = useState(() => ({ domain, prefs: loadPrefs(domain) }));
  // Another conversation's domain: read its options (during render, no extra pass).
  const current = state.domain === domain ? state : { domain, prefs: loadPrefs(domain) };
  if (current !== state) setState(current);
  const update = useCallback((changes: Partial<ChatPrefs>) => {
    setState((prev) => {
      const prefs = { ...prev.prefs, ...changes };
      storage.set(key(prev.domain), JSON.stringify(prefs));
      return { ...prev, prefs };
    });
  }, []);
  const reset = useCallback(() => {
    update(DEFAULT_PREFS);
  }, [update]);
  return { prefs: current.prefs, update, reset };
}

/** Options differing from the defaults (for the small dot on the options button). */
export function changedCount(prefs: ChatPrefs): number {
  let n = 0;
  if (prefs.historyMode !== 'turns' || prefs.historyTurns !== DEFAULT_PREFS.historyTurns) n++;
  if (prefs.detail !== DEFAULT_PREFS.detail) n++;
  if (prefs.useMemoryPad) n++;
  if (!prefs.persist) n++;
  if (prefs.promptNames.length > 0) n++;
  if (prefs.instructions.trim() !== '') n++;
  return n;
}

/**
 * `chat.send` options. Models and prompt names the server no longer knows are left out, so a
 * stale choice never blocks sending.
 */
export function toSendOptions(
  prefs: ChatPrefs,
  known: { models: readonly string[]; prompts: readonly string[] | undefined },
  override: { models?: string[] } = {},
): ChatOptions {
  const models = (override.models ?? prefs.models).filter((m) => known.models.includes(m));
  const prompts = known.prompts;
  const promptNames = prompts
    ? prefs.promptNames.filter((p) => prompts.includes(p))
    : prefs.promptNames;
  const instructions = prefs.instructions.trim();
  return {
    ...(models.length > 0 ? { models } : {}),
    historyTurns: prefs.historyMode === 'turns' ? prefs.historyTurns : prefs.historyMode,
    detail: prefs.detail,
    useMemoryPad: prefs.useMemoryPad,
    persist: prefs.persist,
    ...(promptNames.length > 0 ? { promptNames } : {}),
    ...(instructions ? { instructions } : {}),
  };
}
