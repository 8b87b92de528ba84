import { openDb, type DbHandle } from '@margin/db';
import type { AppConfig } from '../config.js';
import type { AppServices } from '../trpc.js';
import type { Logger } from './logger.js';
import { createRateLimiters } from './rate-limit.js';

/** Builds the long-lived services from config; the caller owns `dbHandle` and closes it. */
export function createAppServices({
  config,
  logger,
  dbHandle,
}: {
  config: AppConfig;
  logger: Logger;
  dbHandle: DbHandle;
}): AppServices {
  return { dbHandle, db: dbHandle.db, config, limiters: createRateLimiters(config.auth), logger };
}

export { openDb };
