/**
 * Document bytes on disk: `<filesDir>/documents/<storageKey>`, kept by the keyed file store
 * (../file-store.ts: generated keys only, atomic writes).
 */
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  areaDir,
  copyStoredFile,
  isStorageKey,
  newStorageKey,
  removeStoredFiles,
  storedFilePath,
  sweepOrphanFiles,
  writeStoredFile,
} from '../file-store.js';

export { isStorageKey, newStorageKey };

const area = 'documents';

export function documentsDir(filesDir: string): string {
  return areaDir({ filesDir, area });
}

/** The file of `key`; throws for anything that is not a generated key. */
export function documentFilePath(filesDir: string, key: string): string {
  return storedFilePath({ filesDir, area, key });
}

/** Writes the bytes atomically (temporary file, then rename), readable by the owner only. */
export async function writeDocumentFile(
  filesDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  await writeStoredFile({ filesDir, area, key, bytes });
}

export async function readDocumentFile(filesDir: string, key: string): Promise<Buffer> {
  return readFile(documentFilePath(filesDir, key));
}

/** Size of the stored file, or undefined when it is missing. */
export function documentFileSize(filesDir: string, key: string): number | undefined {
  try {
    const s = statSync(documentFilePath(filesDir, key));
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

export function documentFileStream(
  filesDir: string,
  key: string,
  range?: { start: number; end: number },
): ReadStream {
  return createReadStream(documentFilePath(filesDir, key), range);
}

/** Copies a stored file to a new key (atomically, like a write). */
export async function copyDocumentFile(
  filesDir: string,
  fromKey: string,
  toKey: string,
): Promise<void> {
  await copyStoredFile({ filesDir, area, fromKey, toKey });
}

/**
 * Removes the files of `keys` (missing ones are fine). Synchronous, for callers that run right
 * after a synchronous transaction commits. Returns the keys it could not remove.
 */
export function removeDocumentFiles(filesDir: string, keys: Iterable<string>): string[] {
  return removeStoredFiles({ filesDir, area, keys });
}

/**
 * Deletes files no document refers to any more (and temporary files left by a crash). Run at
 * start-up only, before any upload can be in flight. Returns how many were removed.
 */
export function sweepOrphanDocumentFiles(filesDir: string, keep: ReadonlySet<string>): number {
  return sweepOrphanFiles({ filesDir, area, keep: () => keep, includeTemporary: true });
}
