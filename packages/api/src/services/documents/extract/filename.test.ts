import { describe, expect, it } from 'vitest';

import { extensionOf, sanitizeFilename } from './filename.js';

describe('sanitizeFilename', () => {
  it('drops directories, control characters, bidi overrides and leading dots', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFilename('a\u0000b\u001fc\u007f.txt')).toBe('abc.txt');
    expect(sanitizeFilename('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(sanitizeFilename('...hidden')).toBe('hidden');
    expect(sanitizeFilename('  spaced   name .md ')).toBe('spaced name .md');
  });

  it('normalises to NFC', () => {
    expect(sanitizeFilename('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('never returns an empty name', () => {
    for (const name of ['', '   ', '...', '/', 'dir/', '\u0000'])
      expect(sanitizeFilename(name)).toBe('document');
  });

  it('caps the length at 200 characters, keeping the extension and whole code points', () => {
    const long = sanitizeFilename(`${'a'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    const emoji = sanitizeFilename(`${'😀'.repeat(250)}.txt`);
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.endsWith('😀.txt')).toBe(true);
    expect(sanitizeFilename('b'.repeat(250))).toBe('b'.repeat(200));
  });

  it('reads extensions', () => {
    expect(extensionOf('A.PDF')).toBe('pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('dir.x/file')).toBe('');
  });
});
