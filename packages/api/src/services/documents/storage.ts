/**
 * Document bytes on disk: `<filesDir>/documents/<storageKey>`. Keys are generated UUIDs, never a
 * client's file name, and every path is built from a key that passed `isStorageKey`, so nothing
 * a client sends can point outside that folder. Writes go to a temporary file first and are
 * renamed into place, so a reader never sees half a file.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readdirSync, rmSync, statSync, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const DOCUMENTS_DIR = 'documents';
const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TEMP_SUFFIX = '.partial';

export function newStorageKey(): string {
  return randomUUID();
}

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

export function documentsDir(filesDir: string): string {
  return join(filesDir, DOCUMENTS_DIR);
}

/** The file of `key`; throws for anything that is not a generated key. */
export function documentFilePath(filesDir: string, key: string): string {
  if (!isStorageKey(key)) throw new Error(`Invalid document storage key: ${JSON.stringify(key)}`);
  return join(documentsDir(filesDir), key);
}

/** Writes the bytes atomically (temporary file, then rename), readable by the owner only. */
export async function writeDocumentFile(
  filesDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  const path = documentFilePath(filesDir, key);
  await mkdir(documentsDir(filesDir), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
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
  const from = documentFilePath(filesDir, fromKey);
  const to = documentFilePath(filesDir, toKey);
  await mkdir(documentsDir(filesDir), { recursive: true, mode: 0o700 });
  const temp = `${to}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Removes the files of `keys` (missing ones are fine). Synchronous, for callers that run right
 * after a synchronous transaction commits; an unlink is cheap. Returns the keys it could not remove.
 */
export function removeDocumentFiles(filesDir: string, keys: Iterable<string>): string[] {
  const failed: string[] = [];
  for (const key of keys) {
    if (!isStorageKey(key)) continue;
    try {
      rmSync(documentFilePath(filesDir, key), { force: true });
    } catch {
      failed.push(key);
    }
  }
  return failed;
}

/**
 * Deletes files no document refers to any more (and temporary files left by a crash). Run at
 * start-up only, before any upload can be in flight. Returns how many were removed.
 */
export function sweepOrphanDocumentFiles(filesDir: string, keep: ReadonlySet<string>): number {
  let names: string[];
  try {
    names = readdirSync(documentsDir(filesDir));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (isStorageKey(name) && keep.has(name)) continue;
    if (!isStorageKey(name) && !name.endsWith(TEMP_SUFFIX)) continue;
    try {
      rmSync(join(documentsDir(filesDir), name), { force: true });
      removed++;
    } catch {
      // Left for the next start-up.
    }
  }
  return removed;
}
