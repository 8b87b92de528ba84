/**
 * The built server (`dist/main.js`) in a child process, for tests and load runs that need a real
 * process: SIGKILL, restarts on the same DATA_DIR, its own memory use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `../dist/main.js` from both src/ (tests) and dist/ (scripts).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface BuiltServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown code runs, like a power cut. */
  kill9: () => Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop: () => Promise<void>;
}

function exitOf(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

/** Starts `node dist/main.js` on `dataDir` and resolves once it logs that it listens. */
export function startBuiltServer({
  dataDir,
  env = {},
}: {
  dataDir: string;
  env?: Record<string, string>;
}): Promise<BuiltServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not listen within 30 s:\n${output}`));
    }, 30_000);
    // Only the recent output is kept: a long run logs a lot.
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
    child.stderr.on('data', keep);
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      const url = output
        .split('\n')
        .slice(0, -1)
        .map((text) => {
          try {
            const entry = JSON.parse(text) as { msg?: unknown; url?: unknown };
            return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : '';
          } catch {
            return '';
          }
        })
        .find((u) => u !== '');
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({
        url,
        process: child,
        output: () => output,
        kill9: () => exitOf(child, 'SIGKILL'),
        stop: () => exitOf(child, 'SIGTERM'),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${String(code)}) before listening:\n${output}`));
    });
  });
}
