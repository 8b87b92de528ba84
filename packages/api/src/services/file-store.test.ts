import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  areaDir,
  copyStoredFile,
  isStorageKey,
  newStorageKey,
  removeStoredFiles,
  storedFilePath,
  sweepOrphanFiles,
  writeStoredFile,
} from './file-store.js';

let filesDir: string;
beforeEach(() => {
  filesDir = mkdtempSync(join(tmpdir(), 'margin-file-store-'));
});
afterEach(() => {
  rmSync(filesDir, { recursive: true, force: true });
});

describe('keyed file store', () => {
  it('keeps each area in its own folder, under generated keys only', async () => {
    const key = newStorageKey();
    expect(isStorageKey(key)).toBe(true);
    await writeStoredFile({ filesDir, area: 'documents', key, bytes: Buffer.from('doc') });
    await writeStoredFile({ filesDir, area: 'audio', key, bytes: Buffer.from('clip') });
    expect(storedFilePath({ filesDir, area: 'audio', key })).toBe(join(filesDir, 'audio', key));
    expect(readFileSync(storedFilePath({ filesDir, area: 'documents', key }), 'utf8')).toBe('doc');
    expect(readFileSync(storedFilePath({ filesDir, area: 'audio', key }), 'utf8')).toBe('clip');
    // Nothing but the file itself: the temporary file was renamed into place.
    expect(readdirSync(areaDir({ filesDir, area: 'documents' }))).toEqual([key]);
  });

  it('refuses anything that is not a generated key, naming the area', async () => {
    expect(() => storedFilePath({ filesDir, area: 'documents', key: '../x' })).toThrow(
      'Invalid document storage key: "../x"',
    );
    expect(() => storedFilePath({ filesDir, area: 'audio', key: 'a.mp3' })).toThrow(
      'Invalid audio storage key: "a.mp3"',
    );
    await expect(
      writeStoredFile({ filesDir, area: 'audio', key: '../evil', bytes: new Uint8Array(1) }),
    ).rejects.toThrow(/Invalid audio storage key/);
    expect(existsSync(join(filesDir, 'audio'))).toBe(false);
  });

  it('leaves no temporary file behind when a write fails', async () => {
    const key = newStorageKey();
    // A non-empty folder where the file should go makes the rename fail.
    mkdirSync(join(storedFilePath({ filesDir, area: 'audio', key }), 'inner'), { recursive: true });
    await expect(
      writeStoredFile({ filesDir, area: 'audio', key, bytes: Buffer.from('b') }),
    ).rejects.toThrow();
    expect(readdirSync(areaDir({ filesDir, area: 'audio' }))).toEqual([key]);
  });

  it('copies a file to a new key', async () => {
    const from = newStorageKey();
    const to = newStorageKey();
    await writeStoredFile({ filesDir, area: 'documents', key: from, bytes: Buffer.from('same') });
    await copyStoredFile({ filesDir, area: 'documents', fromKey: from, toKey: to });
    expect(readFileSync(storedFilePath({ filesDir, area: 'documents', key: to }), 'utf8')).toBe(
      'same',
    );
    await expect(
      copyStoredFile({ filesDir, area: 'documents', fromKey: newStorageKey(), toKey: to }),
    ).rejects.toThrow();
    expect(readdirSync(areaDir({ filesDir, area: 'documents' })).sort()).toEqual([from, to].sort());
  });

  it('removes files by key, skipping missing ones and non-keys', async () => {
    const a = newStorageKey();
    const b = newStorageKey();
    await writeStoredFile({ filesDir, area: 'documents', key: a, bytes: Buffer.from('a') });
    await writeStoredFile({ filesDir, area: 'documents', key: b, bytes: Buffer.from('b') });
    const failed = removeStoredFiles({
      filesDir,
      area: 'documents',
      keys: [a, newStorageKey(), '../b'],
    });
    expect(failed).toEqual([]);
    expect(readdirSync(areaDir({ filesDir, area: 'documents' }))).toEqual([b]);
  });

  it('sweeps orphans, and temporary files only when asked', async () => {
    const kept = newStorageKey();
    const orphan = newStorageKey();
    for (const key of [kept, orphan]) {
      await writeStoredFile({ filesDir, area: 'audio', key, bytes: Buffer.from('x') });
    }
    const dir = areaDir({ filesDir, area: 'audio' });
    const partial = `${kept}.${newStorageKey()}.partial`;
    writeFileSync(join(dir, partial), 'x');
    writeFileSync(join(dir, 'README'), 'not ours');
    const keep = () => new Set([kept]);

    expect(sweepOrphanFiles({ filesDir, area: 'audio', keep, includeTemporary: false })).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([kept, partial, 'README'].sort());
    expect(sweepOrphanFiles({ filesDir, area: 'audio', keep, includeTemporary: true })).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([kept, 'README'].sort());
  });

  it('does not ask for the keys to keep when the folder is missing or empty', () => {
    const keep = vi.fn(() => new Set<string>());
    mkdirSync(areaDir({ filesDir, area: 'audio' }));
    expect(sweepOrphanFiles({ filesDir, area: 'audio', keep, includeTemporary: true })).toBe(0);
    expect(sweepOrphanFiles({ filesDir, area: 'documents', keep, includeTemporary: true })).toBe(0);
    expect(keep).not.toHaveBeenCalled();
  });
});
