import { describe, expect, it } from 'vitest';

import { detectDocumentType } from './detect.js';
import { DocumentRejected } from './errors.js';
import { makeDocx, makeZip } from './fixtures/make-docx.js';
import { makePdf } from './fixtures/make-pdf.js';

const enc = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const PNG = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytesOf([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0]);
const GIF = bytesOf('GIF89a', [1, 0, 1, 0]);
const WEBP = bytesOf('RIFF', [0, 0, 0, 0], 'WEBPVP8 ');
const WAV = bytesOf('RIFF', [0, 0, 0, 0], 'WAVEfmt ');
const MP3_ID3 = bytesOf('ID3', [4, 0, 0, 0, 0, 0, 0]);
const MP3_FRAME = bytesOf([0xff, 0xfb, 0x90, 0x64, 0, 0, 0]);
const OGG = bytesOf('OggS', [0, 2, 0, 0]);
const FLAC = bytesOf('fLaC', [0, 0, 0, 34]);
const M4A = bytesOf([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]);
const MP4 = bytesOf([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]);
const WEBM = bytesOf([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm');
const ELF = bytesOf([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
const EXE = bytesOf('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]);

const detect = (bytes: Uint8Array, filename: string, declaredType?: string) =>
  detectDocumentType({ bytes, filename, declaredType });

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentRejected);
    return error instanceof Error ? error.message : '';
  }
  throw new Error('expected a DocumentRejected');
}

describe('detectDocumentType', () => {
  it('recognises binary formats by their bytes', () => {
    expect(detect(makePdf(['x']), 'a.pdf')).toEqual({ kind: 'pdf', mimeType: 'application/pdf' });
    expect(detect(makeDocx(['x']), 'a.docx').kind).toBe('docx');
    expect(detect(PNG, 'a.png')).toEqual({ kind: 'image', mimeType: 'image/png' });
    expect(detect(JPEG, 'a.jpeg')).toEqual({ kind: 'image', mimeType: 'image/jpeg' });
    expect(detect(GIF, 'a.gif')).toEqual({ kind: 'image', mimeType: 'image/gif' });
    expect(detect(WEBP, 'a.webp')).toEqual({ kind: 'image', mimeType: 'image/webp' });
    expect(detect(WAV, 'a.wav')).toEqual({ kind: 'audio', mimeType: 'audio/wav' });
    expect(detect(MP3_ID3, 'a.mp3')).toEqual({ kind: 'audio', mimeType: 'audio/mpeg' });
    expect(detect(MP3_FRAME, 'a.mp3')).toEqual({ kind: 'audio', mimeType: 'audio/mpeg' });
    expect(detect(OGG, 'a.ogg')).toEqual({ kind: 'audio', mimeType: 'audio/ogg' });
    expect(detect(FLAC, 'a.flac')).toEqual({ kind: 'audio', mimeType: 'audio/flac' });
    expect(detect(M4A, 'a.m4a')).toEqual({ kind: 'audio', mimeType: 'audio/mp4' });
    expect(detect(MP4, 'voice.m4a')).toEqual({ kind: 'audio', mimeType: 'audio/mp4' });
    expect(detect(WEBM, 'a.webm')).toEqual({ kind: 'audio', mimeType: 'audio/webm' });
  });

  it('trusts the bytes over a missing or wrong-but-harmless name', () => {
    expect(detect(makePdf(['x']), 'scan')).toEqual({ kind: 'pdf', mimeType: 'application/pdf' });
    expect(detect(PNG, 'photo.jpg')).toEqual({ kind: 'image', mimeType: 'image/png' });
    expect(detect(OGG, 'clip.mp3')).toEqual({ kind: 'audio', mimeType: 'audio/ogg' });
  });

  it('uses the extension, then the declared type, then the content for text', () => {
    expect(detect(enc('# hi'), 'a.md')).toEqual({ kind: 'markdown', mimeType: 'text/markdown' });
    expect(detect(enc('hi'), 'a.txt')).toEqual({ kind: 'text', mimeType: 'text/plain' });
    expect(detect(enc('a,b\n1,2'), 'a.csv')).toEqual({ kind: 'csv', mimeType: 'text/csv' });
    expect(detect(enc('a\tb'), 'a.tsv')).toEqual({
      kind: 'csv',
      mimeType: 'text/tab-separated-values',
    });
    expect(detect(enc('[1]'), 'a.json')).toEqual({ kind: 'json', mimeType: 'application/json' });
    expect(detect(enc('<p>x</p>'), 'a.HTM')).toEqual({ kind: 'html', mimeType: 'text/html' });
    // A .txt holding HTML stays text: the name is a promise of harmless text.
    expect(detect(enc('<html><body>x</body></html>'), 'a.txt').kind).toBe('text');
    expect(detect(enc('<p>x</p>'), 'page', 'text/html; charset=UTF-8')).toEqual({
      kind: 'html',
      mimeType: 'text/html; charset=utf-8',
    });
    // A charset declared for another type is not carried over.
    expect(detect(enc('x'), 'a.txt', 'text/html; charset=iso-8859-1').mimeType).toBe('text/plain');
    expect(detect(enc('{"a":1}'), 'data', 'application/ld+json').kind).toBe('json');
    expect(detect(enc('<!DOCTYPE html><html></html>'), 'download').kind).toBe('html');
    expect(detect(enc('{"a": [1, 2]}'), 'download').kind).toBe('json');
    expect(detect(enc('print("hi")\n'), 'script.py')).toEqual({
      kind: 'text',
      mimeType: 'text/plain',
    });
    expect(detect(new Uint8Array([0xff, 0xfe, 0x68, 0x00]), 'utf16.txt').kind).toBe('text');
  });

  it('rejects empty files', () => {
    expect(rejection(() => detect(new Uint8Array(), 'a.pdf'))).toBe('The file is empty.');
  });

  it('rejects disguised files', () => {
    expect(rejection(() => detect(PNG, 'report.pdf'))).toMatch(
      /named \.pdf but is not really a PDF \(it looks like a PNG image\)/,
    );
    expect(rejection(() => detect(enc('hello'), 'report.pdf'))).toMatch(/not really a PDF/);
    expect(rejection(() => detect(makeZip([{ name: 'a', data: 'b' }]), 'report.pdf'))).toMatch(
      /not really a PDF \(it looks like a zip archive\)/,
    );
    expect(rejection(() => detect(makePdf(['x']), 'notes.txt'))).toMatch(/not really a text file/);
    expect(rejection(() => detect(enc('<svg onload=alert(1)>'), 'cat.png'))).toMatch(
      /not really a PNG image/,
    );
    expect(rejection(() => detect(PNG, 'song.mp3'))).toMatch(/not really an MP3 audio file/);
    expect(rejection(() => detect(new Uint8Array([104, 105, 0, 0, 1]), 'notes.txt'))).toMatch(
      /not really a text file \(it looks like binary data\)/,
    );
    expect(rejection(() => detect(enc('<html>error</html>'), 'paper', 'application/pdf'))).toMatch(
      /declared as application\/pdf but is not really a PDF/,
    );
  });

  it('rejects programs whatever their name', () => {
    for (const name of ['a.pdf', 'a.txt', 'a', 'a.exe']) {
      expect(rejection(() => detect(ELF, name))).toMatch(/program/);
      expect(rejection(() => detect(EXE, name))).toMatch(/program/);
    }
  });

  it('rejects unknown and unsupported types, listing what is supported', () => {
    const unknown = rejection(() => detect(new Uint8Array([1, 2, 3, 0, 5]), 'blob.bin'));
    expect(unknown).toMatch(/does not recognise/);
    expect(unknown).toMatch(/PDF, Word \(\.docx\), HTML, Markdown/);
    expect(rejection(() => detect(MP4, 'movie.mp4x'))).toMatch(
      /video file, which is not supported/,
    );
    expect(
      rejection(() => detect(makeZip([{ name: 'xl/workbook.xml', data: '' }]), 'b.xlsx')),
    ).toMatch(/Excel spreadsheet/);
    expect(rejection(() => detect(bytesOf([0x1f, 0x8b, 8, 0, 0, 0]), 'a.gz'))).toMatch(/archive/);
    expect(rejection(() => detect(new Uint8Array([0xc3, 0x28, 0xa0]), 'x.weird'))).toMatch(
      /recognise/,
    );
  });

  it('does not mistake text that starts like a signature for binary', () => {
    expect(detect(enc('BMW makes cars.\nMore text here for the header.'), 'cars.txt').kind).toBe(
      'text',
    );
    expect(detect(enc('ID3 tags are metadata'), 'notes.md').kind).toBe('markdown');
    expect(detect(enc('<p>About the %PDF- header</p>'), 'pdf-notes.html').kind).toBe('html');
  });
});
