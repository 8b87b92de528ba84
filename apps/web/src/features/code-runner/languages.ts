import type { CodeRunnerLanguage } from '@margin/shared';

/** Fence names (```py, ```js…) mapped to the runner's languages. */
const ALIASES: Record<string, CodeRunnerLanguage> = {
  python: 'python',
  python3: 'python',
  py: 'python',
  javascript: 'javascript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
};

/** The runner language for a fenced block, if this server can run it. */
export function runnableLanguage(
  fence: string | undefined,
  available: readonly string[],
): CodeRunnerLanguage | undefined {
  if (fence === undefined) return undefined;
  const language = ALIASES[fence.trim().toLowerCase()];
  return language !== undefined && available.includes(language) ? language : undefined;
}

/** "120 ms", "2.4 s". */
export function formatRunDuration(ms: number): string {
  if (ms < 1000) return `${String(Math.max(0, Math.round(ms)))} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** What the exit line says: killed runs have no exit code. */
export function exitLabel(exitCode: number | null, timedOut: boolean): string {
  if (timedOut) return 'Stopped: time limit';
  if (exitCode === null) return 'Stopped';
  return `Exit code ${String(exitCode)}`;
}
