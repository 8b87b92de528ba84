/**
 * Start-up detection: the runner is available only if bubblewrap exists and really runs a
 * sandboxed program here (containers often forbid the namespaces it needs). Never falls back to
 * running code unsandboxed.
 */
import { existsSync, realpathSync } from 'node:fs';
import { CODE_RUNNER_LANGUAGES, type CodeRunnerLanguage } from '@margin/shared';
import { runInSandbox } from './run.js';
import {
  defaultLimits,
  systemMounts,
  type ResourceLimits,
  type SandboxCommand,
} from './sandbox.js';

export const BWRAP_PATH = '/usr/bin/bwrap';
const PRLIMIT_PATHS = ['/usr/bin/prlimit', '/bin/prlimit'];

/** Fixed candidates, not $PATH: version managers (pyenv, nvm) put shims under /root or /home. */
const INTERPRETERS: Record<CodeRunnerLanguage, string[]> = {
  python: ['/usr/bin/python3', '/usr/local/bin/python3'],
  javascript: ['/usr/bin/node', '/usr/local/bin/node', '/usr/bin/nodejs'],
};

/** Directories the sandbox mounts; a resolved interpreter must live in one of them. */
const VISIBLE_PREFIXES = ['/usr/', '/bin/', '/lib/', '/lib64/'];

/** The uid/gid runs use when the server runs as root ("nobody"). */
const NOBODY = { uid: 65534, gid: 65534 };

export interface CodeRunnerSetup {
  available: boolean;
  /** Why it is unavailable (logged at start-up). */
  reason?: string;
  languages: CodeRunnerLanguage[];
  commands: Partial<Record<CodeRunnerLanguage, SandboxCommand>>;
  dropTo: { uid: number; gid: number } | undefined;
}

function resolveInterpreter(language: CodeRunnerLanguage): string | undefined {
  for (const candidate of INTERPRETERS[language]) {
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (VISIBLE_PREFIXES.some((prefix) => real.startsWith(prefix))) return real;
  }
  return undefined;
}

const PROBE: Record<CodeRunnerLanguage, string> = {
  python: 'print(6 * 7)',
  javascript: 'console.log(6 * 7)',
};

/** Runs the probe program through the real run path (start-up only, ~50 ms per language). */
async function probe(command: SandboxCommand, dropTo: CodeRunnerSetup['dropTo']): Promise<boolean> {
  try {
    const result = await runInSandbox({
      command,
      code: PROBE[command.language],
      timeoutMs: 10_000,
      outputMaxBytes: 1024,
      dropTo,
    });
    return result.exitCode === 0 && result.stdout.trim() === '42';
  } catch {
    return false;
  }
}

export async function detectCodeRunner(
  limits: ResourceLimits = defaultLimits,
): Promise<CodeRunnerSetup> {
  const none = (reason: string): CodeRunnerSetup => ({
    available: false,
    reason,
    languages: [],
    commands: {},
    dropTo: undefined,
  });
  if (process.platform !== 'linux') return none('the code runner needs Linux');
  if (!existsSync(BWRAP_PATH)) return none('bubblewrap is not installed');
  const prlimit = PRLIMIT_PATHS.find((path) => existsSync(path));
  const dropTo = process.getuid?.() === 0 ? NOBODY : undefined;
  const mounts = systemMounts();
  const commands: CodeRunnerSetup['commands'] = {};
  const languages: CodeRunnerLanguage[] = [];
  for (const language of CODE_RUNNER_LANGUAGES) {
    const interpreter = resolveInterpreter(language);
    if (interpreter === undefined) continue;
    const command: SandboxCommand = {
      bwrap: BWRAP_PATH,
      interpreter,
      language,
      prlimit,
      mounts,
      limits,
    };
    if (!(await probe(command, dropTo))) continue;
    commands[language] = command;
    languages.push(language);
  }
  if (languages.length === 0)
    return none('bubblewrap could not run python3 or node in a sandbox here');
  return { available: true, languages, commands, dropTo };
}
