/**
 * Audio clip bytes on disk: `<filesDir>/audio/<storageKey>`, kept by the keyed file store
 * (../file-store.ts: generated keys only, atomic writes). Files are removed by sweeping: after a
 * deletion, any file no clip row names is an orphan — simpler and safer than threading keys
 * through every message/conversation deletion path, and the folder holds one file per clip.
 */
import { audioQueries, type Executor } from '@margin/db';
import {
  areaDir,
  removeStoredFiles,
  storedFilePath,
  sweepOrphanFiles,
  writeStoredFile,
} from '../file-store.js';

const area = 'audio';

export function audioDir(filesDir: string): string {
  return areaDir({ filesDir, area });
}

/** The file of `key`; throws for anything that is not a generated key. */
export function audioFilePath(filesDir: string, key: string): string {
  return storedFilePath({ filesDir, area, key });
}

export async function writeAudioFile(
  filesDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  await writeStoredFile({ filesDir, area, key, bytes });
}

/** Removes the clip's file; a failure is left for the next sweep. */
export function removeAudioFile(filesDir: string, key: string): void {
  removeStoredFiles({ filesDir, area, keys: [key] });
}

/**
 * Deletes audio files no clip row refers to. Temporary files are only removed at start-up
 * (`includeTemporary`), when no write can be in flight. Returns how many were removed.
 */
export function sweepOrphanAudioFiles({
  db,
  filesDir,
  includeTemporary = false,
}: {
  db: Executor;
  filesDir: string;
  includeTemporary?: boolean;
}): number {
  return sweepOrphanFiles({
    filesDir,
    area,
    keep: () => audioQueries.listStorageKeys({ db }),
    includeTemporary,
  });
}
