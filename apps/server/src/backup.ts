/**
 * Backup and restore of a DATA_DIR: the database through SQLite's online backup (consistent while
 * the server runs) and the stored files (documents, audio) copied beside it as `<file>.files/`.
 * Restore never destroys anything: the current database and files are moved aside first.
 */
import { backupDb, integrityCheck, openDb, type DbHandle } from '@margin/db';
import { copyFileSync, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';

export class BackupError extends Error {}

/** The folder holding a backup's files, next to its database file. */
export const backupFilesDir = (backupFile: string): string => `${backupFile}.files`;

export async function writeBackup({
  handle,
  filesDir,
  target,
}: {
  handle: DbHandle;
  filesDir: string;
  target: string;
}): Promise<{ files: boolean }> {
  if (existsSync(target) || existsSync(backupFilesDir(target)))
    throw new BackupError(`${target} already exists; choose a new file name.`);
  // Database first: a file added after this moment is an orphan in the backup, which the
  // server's start-up clean-up removes; the reverse order could lose a referenced file.
  await backupDb(handle, target);
  const copy = openDb(target);
  const check = integrityCheck(copy);
  copy.close();
  if (check !== 'ok') throw new BackupError(`Backup written but integrity_check says: ${check}`);
  if (!existsSync(filesDir)) return { files: false };
  cpSync(filesDir, backupFilesDir(target), { recursive: true, errorOnExist: true });
  return { files: true };
}

/** Moves `path` (if present) to `path.before-restore-<stamp>` and returns the new name. */
function moveAside(path: string, stamp: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const aside = `${path}.before-restore-${stamp}`;
  renameSync(path, aside);
  return aside;
}

/**
 * Puts a backup in place of DATA_DIR's database (and files, when the backup has them). The
 * server must be stopped. Returns what was moved aside.
 */
export function restoreBackup({
  source,
  dbFile,
  filesDir,
  now = new Date(),
}: {
  source: string;
  dbFile: string;
  filesDir: string;
  now?: Date;
}): { movedAside: string[] } {
  if (!existsSync(source)) throw new BackupError(`${source} does not exist.`);
  const staged = `${dbFile}.restoring`;
  rmSync(staged, { force: true });
  copyFileSync(source, staged);
  try {
    // Opening applies any newer migrations, so an older backup comes back in today's shape.
    const handle = openDb(staged);
    const check = integrityCheck(handle);
    handle.close();
    if (check !== 'ok') throw new BackupError(`${basename(source)} is damaged: ${check}`);
  } catch (err) {
    rmSync(staged, { force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(
      `${basename(source)} is not a Margin database: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const movedAside = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]
    .map((p) => moveAside(p, stamp))
    .filter((p): p is string => p !== undefined);
  renameSync(staged, dbFile);
  const backupFiles = backupFilesDir(source);
  if (existsSync(backupFiles)) {
    const aside = moveAside(filesDir, stamp);
    if (aside) movedAside.push(aside);
    cpSync(backupFiles, filesDir, { recursive: true });
  }
  return { movedAside };
}
