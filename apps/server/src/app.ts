import {
  createAppServices,
  recoverDocuments,
  seedGlobalPrompts,
  sharedCodeRunner,
  sweepOrphanAudioFiles,
  type AppServices,
} from '@margin/api';
import { jobQueries, openDb, sessionQueries } from '@margin/db';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { resolveSessionSecret, type ServerEnv } from './env.js';
import { createHttpServer } from './http.js';

export interface RunningServer {
  url: string;
  services: AppServices;
  /** Stops accepting requests, ends open connections after a grace period, closes the database. */
  close: () => Promise<void>;
}

const HOUR = 60 * 60 * 1000;

/** Opens the database (migrating it), then listens. Used by main.ts, tests and benchmarks. */
export async function startServer(env: ServerEnv, logger: Logger): Promise<RunningServer> {
  const dbHandle = openDb(env.dbFile);
  // Nothing runs before start-up: whatever a crash left streaming is marked interrupted, not lost.
  const interrupted = jobQueries.markUnfinishedInterrupted({ db: dbHandle.db, now: new Date() });
  if (interrupted.jobs + interrupted.messages > 0)
    logger.warn(interrupted, 'marked unfinished work interrupted');
  const documents = recoverDocuments({ db: dbHandle.db, filesDir: env.config.documents.filesDir });
  if (documents.failed + documents.removedFiles > 0)
    logger.warn(documents, 'marked interrupted indexing failed, removed orphaned document files');
  // Read-aloud clips whose message went away (or half-written by a crash) are orphans.
  sweepOrphanAudioFiles({
    db: dbHandle.db,
    filesDir: env.config.documents.filesDir,
    includeTemporary: true,
  });
  // The feature flag reflects a real sandboxed run on this host, not a setting.
  const codeRunner = (await sharedCodeRunner()).setup;
  if (!codeRunner.available) logger.info({ reason: codeRunner.reason }, 'code runner disabled');
  const config = { ...env.config, codeRunnerAvailable: codeRunner.available };
  const services = createAppServices({ config, logger, dbHandle });
  const seeded = seedGlobalPrompts({ db: services.db });
  if (seeded.inserted.length > 0)
    logger.info({ prompts: seeded.inserted }, 'seeded global prompts');
  const expired = sessionQueries.deleteExpiredSessions({ db: services.db, now: new Date() });
  if (expired > 0) logger.info({ expired }, 'removed expired sessions');
  const sweep = setInterval(() => {
    sessionQueries.deleteExpiredSessions({ db: services.db, now: new Date() });
  }, HOUR);
  sweep.unref();

  const server = createHttpServer({
    services,
    logger,
    sessionSecret: resolveSessionSecret(env),
    settings: { publicUrl: env.publicUrl, trustProxy: env.trustProxy },
    webDist: env.webDist,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(sweep);
      // Idle keep-alive sockets go now; streams get a moment to finish, then are cut.
      const force = setTimeout(() => server.closeAllConnections(), 5000);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        dbHandle.close();
        resolve();
      });
      server.closeIdleConnections();
      // Running generations record their partial output as interrupted before the database closes.
      void services.jobs.shutdown().then(() => server.closeAllConnections());
    });
    return closing;
  };
  return { url, services, close };
}
