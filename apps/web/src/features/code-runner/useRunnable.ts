import type { CodeRunnerLanguage } from '@margin/shared';
import { use, useCallback } from 'react';
import { CurrentUserContext } from '../auth/session';
import { useSystemConfig } from '../shell/LlmStatusNotice';
import { runnableLanguage } from './languages';
import { useRunnableLanguages } from './useCodeRun';

/**
 * Which fence languages this server can run for this reader: none when the runner is off or
 * nobody is signed in (shared links), so signed-out readers never ask the server.
 */
export function useRunnable(): (fence: string | undefined) => CodeRunnerLanguage | undefined {
  const signedIn = use(CurrentUserContext) !== null;
  const config = useSystemConfig();
  const enabled = signedIn && config.data?.features.codeRunner === true;
  const languages = useRunnableLanguages(enabled);
  return useCallback(
    (fence) => (enabled ? runnableLanguage(fence, languages) : undefined),
    [enabled, languages],
  );
}
