import { EnvError, loadEnv } from './env.js';
import { startServer } from './app.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(env.logLevel);
  const server = await startServer(env, logger);
  const { llm } = env.config;
  logger.info(
    {
      url: server.url,
      dataDir: env.dataDir,
      llm:
        llm.roles.chat !== undefined
          ? { baseUrl: llm.baseUrl ?? 'openai', chat: llm.roles.chat }
          : 'not configured',
    },
    'listening',
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        logger.info({}, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Margin failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
