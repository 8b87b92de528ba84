/**
 * Audio clip bytes on disk: `<filesDir>/audio/<storageKey>`, with the same generated-key rule as
 * document files (nothing a client sends can name a path). Writes are atomic (temporary file,
 * then rename). Files are removed by sweeping: after a deletion, any file no clip row names is
 * an orphan — simpler and safer than threading keys through every message/conversation
 * deletion path, and the folder holds one file per clip.
 */
import { audioQueries, type Executor } from '@margin/db';
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isStorageKey } from '../documents/storage.js';

const AUDIO_DIR = 'audio';
const TEMP_SUFFIX = '.partial';

export function audioDir(filesDir: string): string {
  return join(filesDir, AUDIO_DIR);
}

/** The file of `key`; throws for anything that is not a generated key. */
export function audioFilePath(filesDir: string, key: string): string {
  if (!isStorageKey(key)) throw new Error(`Invalid audio storage key: ${JSON.stringify(key)}`);
  return join(audioDir(filesDir), key);
}

export async function writeAudioFile(
  filesDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  const path = audioFilePath(filesDir, key);
  await mkdir(audioDir(filesDir), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
  try {
    await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export function removeAudioFile(filesDir: string, key: string): void {
  if (!isStorageKey(key)) return;
  try {
    rmSync(audioFilePath(filesDir, key), { force: true });
  } catch {
    // Left for the next sweep.
  }
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
  let names: string[];
  try {
    names = readdirSync(audioDir(filesDir));
  } catch {
    return 0;
  }
  if (names.length === 0) return 0;
  const keep = audioQueries.listStorageKeys({ db });
  let removed = 0;
  for (const name of names) {
    const orphan = isStorageKey(name)
      ? !keep.has(name)
      : includeTemporary && name.endsWith(TEMP_SUFFIX);
    if (!orphan) continue;
    try {
      rmSync(join(audioDir(filesDir), name), { force: true });
      removed++;
    } catch {
      // Left for the next sweep.
    }
  }
  return removed;
}
