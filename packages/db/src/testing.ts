import { openDb, type DbHandle } from './client.js';

/** A fresh, fully migrated in-memory database for tests. */
export function createTestDb(): DbHandle {
  return openDb(':memory:');
}
