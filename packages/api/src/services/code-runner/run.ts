/** One sandboxed run: spawn bwrap, feed it the program, cap output, enforce the wall clock. */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { RunCodeResult } from '@margin/shared';
import { BWRAP_ENV, bwrapArgs, PROGRAM_FD, type SandboxCommand } from './sandbox.js';

export interface RunOptions {
  command: SandboxCommand;
  code: string;
  timeoutMs: number;
  outputMaxBytes: number;
  signal?: AbortSignal;
  /** Unprivileged uid/gid to run as when the server is root (RLIMIT_NPROC ignores uid 0). */
  dropTo?: { uid: number; gid: number };
}

/** Output kept once past the cap is discarded; past this much more, the run is killed as flooding. */
const FLOOD_FACTOR = 16;

class CappedBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  seen = 0;
  constructor(private readonly cap: number) {}
  push(chunk: Buffer): void {
    this.seen += chunk.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }
  get truncated(): boolean {
    return this.seen > this.cap;
  }
  text(): string {
    // A cut may split a multi-byte character; the decoder replaces the fragment with U+FFFD.
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function runInSandbox(opts: RunOptions): Promise<RunCodeResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(opts.command.bwrap, bwrapArgs(opts.command), {
      // Own process group, so the wall-clock kill reaches every process bwrap left in it.
      detached: true,
      env: BWRAP_ENV,
      cwd: '/',
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      ...(opts.dropTo ?? {}),
    });
    const stdout = new CappedBuffer(opts.outputMaxBytes);
    const stderr = new CappedBuffer(opts.outputMaxBytes);
    let timedOut = false;
    let killed = false;

    const kill = () => {
      if (killed || child.pid === undefined) return;
      killed = true;
      try {
        // bwrap's PID-1 dies with its parent (--die-with-parent), taking the PID namespace with it.
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    const onAbort = () => kill();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const floodLimit = opts.outputMaxBytes * FLOOD_FACTOR;
    const watch = (buffer: CappedBuffer) => (chunk: Buffer) => {
      buffer.push(chunk);
      if (buffer.seen > floodLimit) kill();
    };
    child.stdout?.on('data', watch(stdout));
    child.stderr?.on('data', watch(stderr));

    const programPipe = child.stdio[PROGRAM_FD] as Writable | null;
    // bwrap may exit (or be killed) before reading it all; that is reported by the exit code.
    programPipe?.on('error', () => undefined);
    programPipe?.end(opts.code, 'utf8');

    child.on('error', (err) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode: killed ? null : code,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        truncated: stdout.truncated || stderr.truncated,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
