// POST /v1/audio/speech and /v1/audio/transcriptions.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, sendJson } from './http.js';
import type { MultipartSummary, SpeechMode } from './types.js';

const TAG = 'FAKEAUDIO:';

const CONTENT_TYPES = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
} as const;

const speechRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.string().min(1),
  voice: z.unknown().optional(),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).optional(),
});

/** `FAKEAUDIO:<byteLength>:<text>`: findable with `includes(text)` and decodable in order. */
function tagBytes(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`${TAG}${body.length}:`), body]);
}

/**
 * Texts of the fake audio clips found in `audio`, in order. Works on one clip or on several
 * concatenated (as an app that joins per-sentence speech would produce).
 */
export function decodeFakeAudio(audio: Uint8Array): string[] {
  const buffer = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength);
  const texts: string[] = [];
  let at = buffer.indexOf(TAG);
  while (at !== -1) {
    const lengthStart = at + TAG.length;
    const colon = buffer.indexOf(':', lengthStart);
    const length = Number(buffer.toString('latin1', lengthStart, colon));
    if (colon === -1 || !Number.isInteger(length)) break;
    texts.push(buffer.toString('utf8', colon + 1, colon + 1 + length));
    at = buffer.indexOf(TAG, colon + 1 + length);
  }
  return texts;
}

function syncsafe(size: number): Buffer {
  return Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
}

/** An ID3v2.4 tag whose title (UTF-8) is the tag bytes, then silent MPEG-1 Layer III frames. */
function fakeMp3(text: string): Buffer {
  const title = Buffer.concat([Buffer.from([0x03]), tagBytes(text)]);
  const frame = Buffer.concat([
    Buffer.from('TIT2'),
    syncsafe(title.length),
    Buffer.alloc(2),
    title,
  ]);
  const id3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), syncsafe(frame.length)]);
  // 128 kbit/s, 44.1 kHz, mono: 417-byte frames; all-zero side info decodes as silence (~26 ms).
  const mpegFrame = Buffer.alloc(417);
  mpegFrame.set([0xff, 0xfb, 0x90, 0xc4]);
  const frames = Math.min(100, 2 + Math.floor(text.length / 16));
  return Buffer.concat([id3, frame, ...new Array<Buffer>(frames).fill(mpegFrame)]);
}

function riffChunk(id: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  // RIFF chunks are word-aligned.
  return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
}

/** 8 kHz 16-bit mono silence with the tag bytes in a LIST/INFO comment (ICMT). */
function fakeWav(text: string): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0); // PCM
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(16000, 8); // byte rate
  fmt.writeUInt16LE(2, 12); // block align
  fmt.writeUInt16LE(16, 14); // bits per sample
  const comment = Buffer.concat([tagBytes(text), Buffer.alloc(1)]);
  const info = Buffer.concat([Buffer.from('INFO'), riffChunk('ICMT', comment)]);
  const samples = Math.min(80_000, 800 + 40 * text.length);
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    riffChunk('fmt ', fmt),
    riffChunk('LIST', info),
    riffChunk('data', Buffer.alloc(samples * 2)),
  ]);
  return riffChunk('RIFF', body);
}

export function handleSpeech(res: ServerResponse, body: unknown, mode: SpeechMode): void {
  const result = speechRequestSchema.safeParse(body);
  if (!result.success) throw new HttpError(400, `Invalid speech request: ${result.error.message}`);
  const { input, response_format: format = 'mp3' } = result.data;
  let audio: Buffer;
  if (mode === 'raw') audio = tagBytes(input);
  else if (format === 'wav') audio = fakeWav(input);
  else if (format === 'mp3') audio = fakeMp3(input);
  else audio = tagBytes(input); // No tiny valid opus/aac/flac/pcm generator; tagged bytes do.
  res.writeHead(200, { 'content-type': CONTENT_TYPES[format], 'content-length': audio.length });
  res.end(audio);
}

export function handleTranscription(
  res: ServerResponse,
  form: MultipartSummary | undefined,
  configuredText: string | undefined,
): void {
  if (!form) throw new HttpError(400, 'Expected multipart/form-data');
  const file = form.files.find((entry) => entry.field === 'file');
  if (!file) throw new HttpError(400, "Missing 'file' field");
  if (file.size === 0) throw new HttpError(400, 'Audio file is empty');
  if (!form.fields.model) throw new HttpError(400, "Missing 'model' field");
  const text = configuredText ?? `fake transcription of ${file.size} bytes`;
  const format = form.fields.response_format ?? 'json';
  if (format === 'text' || format === 'srt' || format === 'vtt') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  } else if (format === 'verbose_json') {
    sendJson(res, 200, {
      task: 'transcribe',
      language: 'english',
      duration: 1,
      text,
      segments: [],
    });
  } else {
    sendJson(res, 200, { text });
  }
}
