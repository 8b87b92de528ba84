/**
 * The bubblewrap command line. Only the system directories interpreters need are visible, read-
 * only; the work dir is a fresh tmpfs; no network, no host environment, own PID namespace.
 */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import type { CodeRunnerLanguage } from '@margin/shared';

export interface ResourceLimits {
  cpuSeconds: number;
  /** RLIMIT_AS in bytes, per language: V8 reserves far more address space than it uses. */
  addressSpaceBytes: Record<CodeRunnerLanguage, number>;
  /** V8 heap cap for node (MB); the real memory bound for JavaScript. */
  nodeHeapMb: number;
  /** RLIMIT_NPROC. Not enforced for uid 0, which is why runs drop to an unprivileged uid. */
  processes: number;
  fileSizeBytes: number;
  openFiles: number;
  /** Size of the /tmp work dir and of /dev/shm (both tmpfs, host RAM). */
  workDirBytes: number;
  shmBytes: number;
}

export const defaultLimits: ResourceLimits = {
  cpuSeconds: 30,
  addressSpaceBytes: { python: 512 * 1024 * 1024, javascript: 1024 * 1024 * 1024 },
  nodeHeapMb: 256,
  processes: 64,
  fileSizeBytes: 10 * 1024 * 1024,
  openFiles: 256,
  workDirBytes: 64 * 1024 * 1024,
  shmBytes: 16 * 1024 * 1024,
};

/** Where the program is written inside the sandbox (the tmpfs work dir). */
export const WORK_DIR = '/tmp';
export const PROGRAM_FD = 3;

const programFile: Record<CodeRunnerLanguage, string> = {
  python: `${WORK_DIR}/main.py`,
  javascript: `${WORK_DIR}/main.js`,
};

/** Host paths made visible read-only. Never `/`, /root, /home, /work, the host /tmp or DATA_DIR. */
const SYSTEM_PATHS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64'];
const ETC_FILES = ['/etc/alternatives', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d'];

/** Mount arguments mirroring the host's layout (merged-/usr hosts have /bin -> usr/bin links). */
export function systemMounts(): string[] {
  const args: string[] = [];
  for (const path of SYSTEM_PATHS) {
    if (!existsSync(path)) continue;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else if (stat.isDirectory()) args.push('--ro-bind', path, path);
  }
  for (const path of ETC_FILES) if (existsSync(path)) args.push('--ro-bind', path, path);
  return args;
}

export interface SandboxCommand {
  bwrap: string;
  /** Absolute interpreter path (resolved at detection, under a system dir). */
  interpreter: string;
  language: CodeRunnerLanguage;
  /** prlimit's path, or undefined to fall back to `ulimit` in a shell inside the sandbox. */
  prlimit: string | undefined;
  mounts: string[];
  limits: ResourceLimits;
}

function interpreterArgs(cmd: SandboxCommand): string[] {
  const file = programFile[cmd.language];
  // -I: isolated mode, ignores PYTHON* variables and the user site dir (there are none, but still).
  if (cmd.language === 'python') return [cmd.interpreter, '-I', '-B', file];
  return [cmd.interpreter, `--max-old-space-size=${cmd.limits.nodeHeapMb}`, file];
}

function limitArgs(cmd: SandboxCommand, program: string[]): string[] {
  const l = cmd.limits;
  const as = l.addressSpaceBytes[cmd.language];
  if (cmd.prlimit !== undefined) {
    return [
      cmd.prlimit,
      `--cpu=${l.cpuSeconds}`,
      `--as=${as}`,
      `--nproc=${l.processes}`,
      `--fsize=${l.fileSizeBytes}`,
      `--nofile=${l.openFiles}`,
      '--core=0',
      '--',
      ...program,
    ];
  }
  // sh ulimit: -v in KiB, -f in 512-byte blocks; processes are -u in bash but -p in dash.
  const script = [
    `ulimit -t ${l.cpuSeconds}`,
    `ulimit -v ${Math.floor(as / 1024)}`,
    `{ ulimit -u ${l.processes} 2>/dev/null || ulimit -p ${l.processes}; }`,
    `ulimit -f ${Math.floor(l.fileSizeBytes / 512)}`,
    `ulimit -n ${l.openFiles}`,
    `ulimit -c 0`,
    'exec "$@"',
  ].join(' && ');
  return ['/bin/sh', '-c', script, 'sh', ...program];
}

/** The full argv after `bwrap`. The program text is read from fd 3 into the tmpfs by bwrap. */
export function bwrapArgs(cmd: SandboxCommand): string[] {
  return [
    ...cmd.mounts,
    // Sized: tmpfs lives in host RAM, and RLIMIT_FSIZE bounds each file, not how many there are.
    '--size',
    String(cmd.limits.workDirBytes),
    '--tmpfs',
    WORK_DIR,
    '--file',
    String(PROGRAM_FD),
    programFile[cmd.language],
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(cmd.limits.shmBytes),
    '--tmpfs',
    '/dev/shm',
    // bwrap's own root is a writable tmpfs; nothing outside the work dir should be writable.
    '--remount-ro',
    '/',
    '--unshare-all',
    '--hostname',
    'sandbox',
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/local/bin:/usr/bin:/bin',
    '--setenv',
    'HOME',
    WORK_DIR,
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--chdir',
    WORK_DIR,
    '--die-with-parent',
    '--new-session',
    ...limitArgs(cmd, interpreterArgs(cmd)),
  ];
}

/**
 * The environment bwrap itself starts with. Its PID-1 helper keeps that environment, readable as
 * /proc/1/environ inside the sandbox, so the server's environment (API keys) must never reach it.
 */
export const BWRAP_ENV: Record<string, string> = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };
