import { describe, expect, it, vi } from 'vitest';

import { DocumentRejected } from './errors.js';
import { extractDocument } from './extract.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const mp3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0, 1, 2, 3]);

describe('images and audio', () => {
  it('gives images no pages and a title from the file name', async () => {
    const doc = await extractDocument({
      bytes: png,
      kind: 'image',
      filename: 'whiteboard sketch.png',
      mimeType: 'image/png',
    });
    expect(doc).toEqual({ kind: 'image', pages: [], title: 'whiteboard sketch' });
  });

  it('transcribes audio when speech-to-text is configured', async () => {
    const transcribe = vi.fn(() => Promise.resolve('  Hello from the meeting.\r\n'));
    const signal = new AbortController().signal;
    const doc = await extractDocument({
      bytes: mp3,
      kind: 'audio',
      filename: 'meeting.mp3',
      mimeType: 'audio/mpeg',
      transcribe,
      signal,
    });
    expect(transcribe).toHaveBeenCalledWith({
      bytes: mp3,
      filename: 'meeting.mp3',
      mimeType: 'audio/mpeg',
      signal,
    });
    expect(doc).toEqual({
      kind: 'audio',
      pages: [{ page: 1, text: 'Hello from the meeting.' }],
      title: 'meeting',
    });
  });

  it('rejects audio without speech-to-text, and silent recordings', async () => {
    const args = { bytes: mp3, kind: 'audio' as const, filename: 'a.mp3', mimeType: 'audio/mpeg' };
    const run = extractDocument(args);
    await expect(run).rejects.toBeInstanceOf(DocumentRejected);
    await expect(run).rejects.toThrow(
      'This is an audio file: transcribing it needs a speech-to-text model. Ask your admin to set MODEL_STT.',
    );
    await expect(
      extractDocument({ ...args, transcribe: () => Promise.resolve(' ') }),
    ).rejects.toThrow(/No speech/);
  });
});
