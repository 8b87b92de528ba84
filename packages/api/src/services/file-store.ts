/**
 * Keyed files on disk: `<filesDir>/<area>/<storageKey>`. Keys are generated UUIDs, never a
 * client's file name, and every path is built from a key that passed `isStorageKey`, so nothing
 * a client sends can point outside the area's folder. Writes go to a temporary file first and
 * are renamed into place, so a reader never sees half a file. documents/storage.ts and
 * audio/storage.ts are thin wrappers that name their area.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type FileArea = 'documents' | 'audio';

const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TEMP_SUFFIX = '.partial';
/** How an area's files are named in errors. */
const LABELS: Record<FileArea, string> = { documents: 'document', audio: 'audio' };

export function newStorageKey(): string {
  return randomUUID();
}

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

export function areaDir({ filesDir, area }: { filesDir: string; area: FileArea }): string {
  return join(filesDir, area);
}

/** The file of `key`; throws for anything that is not a generated key. */
export function storedFilePath({
  filesDir,
  area,
  key,
}: {
  filesDir: string;
  area: FileArea;
  key: string;
}): string {
  if (!isStorageKey(key)) {
    throw new Error(`Invalid ${LABELS[area]} storage key: ${JSON.stringify(key)}`);
  }
  return join(areaDir({ filesDir, area }), key);
}

/** Puts the file of `key` in place atomically: `fill` writes a temporary file that is renamed. */
async function placeAtomically(
  { filesDir, area, key }: { filesDir: string; area: FileArea; key: string },
  fill: (temp: string) => Promise<void>,
): Promise<void> {
  const path = storedFilePath({ filesDir, area, key });
  await mkdir(areaDir({ filesDir, area }), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    await fill(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Writes the bytes atomically (temporary file, then rename), readable by the owner only. */
export async function writeStoredFile({
  filesDir,
  area,
  key,
  bytes,
}: {
  filesDir: string;
  area: FileArea;
  key: string;
  bytes: Uint8Array;
}): Promise<void> {
  await placeAtomically({ filesDir, area, key }, (temp) =>
    writeFile(temp, bytes, { mode: 0o600, flag: 'wx' }),
  );
}

/** Copies a stored file to a new key of the same area (atomically, like a write). */
export async function copyStoredFile({
  filesDir,
  area,
  fromKey,
  toKey,
}: {
  filesDir: string;
  area: FileArea;
  fromKey: string;
  toKey: string;
}): Promise<void> {
  const from = storedFilePath({ filesDir, area, key: fromKey });
  await placeAtomically({ filesDir, area, key: toKey }, (temp) => copyFile(from, temp));
}

/**
 * Removes the files of `keys` (missing ones and non-keys are skipped). Synchronous, for callers
 * that run right after a synchronous transaction commits; an unlink is cheap. Returns the keys it
 * could not remove.
 */
export function removeStoredFiles({
  filesDir,
  area,
  keys,
}: {
  filesDir: string;
  area: FileArea;
  keys: Iterable<string>;
}): string[] {
  const failed: string[] = [];
  for (const key of keys) {
    if (!isStorageKey(key)) continue;
    try {
      rmSync(storedFilePath({ filesDir, area, key }), { force: true });
    } catch {
      failed.push(key);
    }
  }
  return failed;
}

/**
 * Deletes the area's files whose key `keep` does not hold. `keep` is only asked when the folder
 * has files (it may be a query). Temporary files are removed only with `includeTemporary`, which
 * is safe only while no write can be in flight (start-up). Returns how many were removed.
 */
export function sweepOrphanFiles({
  filesDir,
  area,
  keep,
  includeTemporary,
}: {
  filesDir: string;
  area: FileArea;
  keep: () => ReadonlySet<string>;
  includeTemporary: boolean;
}): number {
  const dir = areaDir({ filesDir, area });
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  if (names.length === 0) return 0;
  const kept = keep();
  let removed = 0;
  for (const name of names) {
    const orphan = isStorageKey(name)
      ? !kept.has(name)
      : includeTemporary && name.endsWith(TEMP_SUFFIX);
    if (!orphan) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed++;
    } catch {
      // Left for the next sweep.
    }
  }
  return removed;
}
