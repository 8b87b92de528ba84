/** Starts the real server on a random port with a throwaway DATA_DIR, for HTTP tests and benchmarks. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startServer, type RunningServer } from './app.js';
import { loadEnv, type ServerEnv } from './env.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  webDist: string;
  stop: () => Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  configure: (serverEnv: ServerEnv) => void = () => undefined,
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'margin-server-'));
  const webDist = join(dataDir, 'web');
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><title>Margin test</title><div id="root"></div>',
  );
  writeFileSync(join(webDist, 'assets', 'app-abc123.js'), 'console.log("app")');
  const serverEnv = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    ...env,
  });
  // Cheap password hashing keeps the suite fast; the production cost has its own test.
  serverEnv.config.auth.scrypt = { N: 1024, r: 8, p: 1 };
  configure(serverEnv);
  const server = await startServer(serverEnv, pino({ level: 'silent' }));
  return {
    ...server,
    dataDir,
    webDist,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
