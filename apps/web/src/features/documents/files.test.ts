import { describe, expect, it } from 'vitest';
import {
  collapseDocuments,
  documentFacts,
  extensionOf,
  formatBytes,
  pastedFiles,
  rejectFile,
  viewerMode,
} from './files';

describe('rejectFile', () => {
  it('accepts supported files whatever the case of the extension', () => {
    expect(rejectFile({ name: 'paper.PDF', size: 10 })).toBeNull();
    expect(rejectFile({ name: 'notes.md', size: 1 })).toBeNull();
    expect(extensionOf('archive.tar.gz')).toBe('.gz');
    expect(extensionOf('.bashrc')).toBe('');
  });

  it('says why an unsupported or empty file is refused', () => {
    expect(rejectFile({ name: 'setup.exe', size: 10 })).toMatch(/^\.exe files can't be attached/);
    expect(rejectFile({ name: 'Makefile', size: 10 })).toMatch(/^Files without an extension/);
    expect(rejectFile({ name: 'empty.txt', size: 0 })).toBe('The file is empty.');
    expect(rejectFile({ name: 'big.pdf', size: 3 * 1024 * 1024 }, 2 * 1024 * 1024)).toBe(
      'The file is larger than 2 MB, the largest upload this server accepts.',
    );
    expect(rejectFile({ name: 'ok.pdf', size: 1024 }, 2 * 1024 * 1024)).toBeNull();
  });
});

describe('formatting', () => {
  it('formats sizes', () => {
    expect(formatBytes(932)).toBe('932 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1016315)).toBe('992 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(12.4 * 1024 * 1024)).toBe('12 MB');
  });

  it('describes a document', () => {
    expect(documentFacts({ kind: 'pdf', pageCount: 14, size: 1016315 })).toBe(
      'PDF · 14 pages · 992 KB',
    );
    expect(documentFacts({ kind: 'csv', pageCount: 1, size: 20 })).toBe('CSV · 20 B');
  });

  it('picks a viewer', () => {
    expect(viewerMode({ kind: 'pdf', mimeType: 'application/pdf' }, false)).toBe('pdf');
    expect(viewerMode({ kind: 'csv', mimeType: 'text/csv' }, true)).toBe('table');
    expect(viewerMode({ kind: 'json', mimeType: 'application/json' }, false)).toBe('text');
    expect(viewerMode({ kind: 'html', mimeType: 'text/html' }, false)).toBe('text');
    expect(viewerMode({ kind: 'docx', mimeType: 'x' }, false)).toBe('none');
  });
});

describe('collapseDocuments', () => {
  const ready = { status: 'ready' as const };
  it('shows everything when there are few', () => {
    expect(collapseDocuments([ready, ready, ready], 2)).toEqual({
      shown: [ready, ready, ready],
      hidden: 0,
    });
  });

  it('keeps later documents that need attention', () => {
    const failed = { status: 'failed' as const };
    const docs = [ready, ready, ready, failed, ready, ready];
    expect(collapseDocuments(docs, 2)).toEqual({ shown: [ready, ready, failed], hidden: 3 });
  });
});

describe('pastedFiles', () => {
  const file = (name: string) => new File(['x'], name);
  it('takes files when the clipboard has no text besides their names', () => {
    const png = file('image.png');
    expect(pastedFiles({ files: [png], getData: () => '' })).toEqual([png]);
    expect(pastedFiles({ files: [png], getData: () => 'image.png' })).toEqual([png]);
  });

  it('leaves text pastes (with a picture of the text) to the text box', () => {
    expect(pastedFiles({ files: [file('image.png')], getData: () => 'Some copied text' })).toEqual(
      [],
    );
    expect(pastedFiles({ files: [], getData: () => 'x' })).toEqual([]);
  });
});
