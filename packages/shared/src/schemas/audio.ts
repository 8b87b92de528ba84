import { z } from 'zod';

const messageIdSchema = z.string().min(1).max(64);

export const TTS_VARIANTS = ['full', 'short'] as const;
export type TtsVariant = (typeof TTS_VARIANTS)[number];

/** The OpenAI speech voices; other providers map or ignore the name. */
export const TTS_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
] as const;
export const DEFAULT_TTS_VOICE = 'alloy';

export const AUDIO_LIMITS = {
  /** Largest recording `audio.transcribe` accepts (the OpenAI transcription limit). */
  maxTranscribeBytes: 25 * 1024 * 1024,
  /** Provider input limit per speech request, in characters. */
  speechInputChars: 4096,
} as const;

export const ttsInput = z.object({
  messageId: messageIdSchema,
  variant: z.enum(TTS_VARIANTS).optional(),
  voice: z.enum(TTS_VOICES).optional(),
  /** Regenerate even when a cached clip of the current text exists. */
  recompute: z.boolean().optional(),
});
export type TtsInput = z.infer<typeof ttsInput>;

export const ttsStatusInput = z.object({
  messageId: messageIdSchema,
  variant: z.enum(TTS_VARIANTS).optional(),
  voice: z.enum(TTS_VOICES).optional(),
});

export interface TtsResult {
  status: 'ready' | 'generating';
  audioUrl?: string;
  jobId?: string;
}

export interface TtsStatus {
  status: 'none' | 'generating' | 'ready' | 'failed';
  audioUrl?: string;
  jobId?: string;
  error?: string;
}

export interface TranscribeResult {
  text: string;
}
