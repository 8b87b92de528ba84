import type { DbHandle } from '@margin/db';
import type { AppConfig } from '../config.js';
import type { AppServices } from '../trpc.js';
import type { Logger } from './logger.js';
import { JobRegistry } from './jobs/registry.js';
import { LlmService } from './llm/client.js';
import { createDocumentContextSource } from './documents/context-source.js';
import { memoryContext } from './pkb/context-source.js';
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
  const llm = new LlmService({ config: config.llm, logger });
  const services: AppServices = {
    dbHandle,
    db: dbHandle.db,
    config,
    limiters: createRateLimiters(config.auth),
    logger,
    jobs: new JobRegistry({ db: dbHandle.db, logger }),
    llm,
    contextSources: {
      documents: createDocumentContextSource({ db: dbHandle.db, llm }),
      // Called per reply, after `services` exists: memory search needs the whole set.
      memories: (request) => memoryContext({ services, request }),
    },
  };
  return services;
}
