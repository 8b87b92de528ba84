/** Images carry no text; audio becomes text through speech-to-text when it is configured. */
import { DocumentRejected } from './errors.js';
import { cleanTitle } from './title.js';
import { stripExtension } from './filename.js';
import type { ExtractedDocument, Transcribe } from './types.js';

export const STT_MISSING_MESSAGE =
  'This is an audio file: transcribing it needs a speech-to-text model. Ask your admin to set MODEL_STT.';

export function extractImage(filename: string): ExtractedDocument {
  return { kind: 'image', pages: [], title: cleanTitle(stripExtension(filename)) };
}

export async function extractAudio(args: {
  bytes: Uint8Array;
  filename: string;
  mimeType: string;
  transcribe: Transcribe | undefined;
  signal: AbortSignal | undefined;
}): Promise<ExtractedDocument> {
  if (!args.transcribe) throw new DocumentRejected(STT_MISSING_MESSAGE);
  const transcript = await args.transcribe({
    bytes: args.bytes,
    filename: args.filename,
    mimeType: args.mimeType,
    signal: args.signal,
  });
  const text = transcript.replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new DocumentRejected('No speech was found in this recording.');
  return {
    kind: 'audio',
    pages: [{ page: 1, text }],
    title: cleanTitle(stripExtension(args.filename)),
  };
}
