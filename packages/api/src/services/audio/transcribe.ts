/**
 * Voice input: a recording → text with the `stt` model. The type is decided from the bytes
 * (a browser's declared type is only a hint), so anything that is not audio is refused before
 * it reaches the provider.
 */
import { TRPCError } from '@trpc/server';
import { AUDIO_LIMITS, type TranscribeResult } from '@margin/shared';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { AppServices } from '../../trpc.js';
import { describeLlmError } from '../llm/client.js';
import { consumeOrThrow } from '../rate-limit.js';

export const TRANSCRIBES_PER_MINUTE = 30;
export const STT_NOT_CONFIGURED =
  'Voice input needs a speech-to-text model — set MODEL_STT (and a provider).';

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

interface AudioType {
  mimeType: string;
  extension: string;
}

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(start, end)).toString('latin1');

/** The recording's type from its magic bytes, or undefined when it is not a supported format. */
export function detectAudioType(bytes: Uint8Array): AudioType | undefined {
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return { mimeType: 'audio/webm', extension: 'webm' };
  if (ascii(bytes, 0, 4) === 'OggS') return { mimeType: 'audio/ogg', extension: 'ogg' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE')
    return { mimeType: 'audio/wav', extension: 'wav' };
  if (ascii(bytes, 4, 8) === 'ftyp') return { mimeType: 'audio/mp4', extension: 'm4a' };
  if (ascii(bytes, 0, 3) === 'ID3') return { mimeType: 'audio/mpeg', extension: 'mp3' };
  // A bare MPEG audio frame: 11 sync bits.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
    return { mimeType: 'audio/mpeg', extension: 'mp3' };
  return undefined;
}

const limiters = new WeakMap<AppServices['limiters'], RateLimiterMemory>();
async function spend(services: AppServices, userId: string): Promise<void> {
  let limiter = limiters.get(services.limiters);
  if (!limiter) {
    limiter = new RateLimiterMemory({
      keyPrefix: 'stt',
      points: TRANSCRIBES_PER_MINUTE,
      duration: 60,
    });
    limiters.set(services.limiters, limiter);
  }
  await consumeOrThrow(limiter, `u:${userId}`, 'transcriptions');
}

export async function transcribeRecording({
  services,
  userId,
  form,
}: {
  services: AppServices;
  userId: string;
  form: FormData;
}): Promise<TranscribeResult> {
  if (!services.llm.hasRole('stt'))
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: STT_NOT_CONFIGURED });
  await spend(services, userId);
  const file = form.get('audio');
  if (!(file instanceof Blob)) throw badRequest('Send the recording as the `audio` field.');
  if (file.size === 0) throw badRequest('The recording is empty.');
  if (file.size > AUDIO_LIMITS.maxTranscribeBytes) {
    throw badRequest(
      `The recording is larger than ${AUDIO_LIMITS.maxTranscribeBytes / 1024 / 1024} MB.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectAudioType(bytes);
  if (!type)
    throw badRequest('This is not a supported recording (webm, ogg, mp3, wav or m4a audio).');
  try {
    const text = await services.llm.transcribe({
      bytes,
      filename: `recording.${type.extension}`,
      mimeType: type.mimeType,
    });
    return { text: text.trim() };
  } catch (err) {
    if (err instanceof TRPCError) throw err;
    throw new TRPCError({ code: 'BAD_GATEWAY', message: describeLlmError(err), cause: err });
  }
}
