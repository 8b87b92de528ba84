/**
 * Read aloud: a message's text as speech, generated once per message + variant + voice as a
 * `tts` job and cached (`audio_clips` + a file). The cache key includes a hash of the spoken
 * source text, so an edited message is regenerated rather than read out of date.
 */
import { TRPCError } from '@trpc/server';
import { audioQueries, messageQueries, type AudioClipRow, type MessageRow } from '@margin/db';
import {
  AUDIO_LIMITS,
  DEFAULT_TTS_VOICE,
  type TtsInput,
  type TtsResult,
  type TtsStatus,
  type TtsVariant,
} from '@margin/shared';
import { createHash, randomUUID } from 'node:crypto';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { AppServices } from '../../trpc.js';
import { newStorageKey } from '../documents/storage.js';
import type { JobContext } from '../jobs/registry.js';
import { describeLlmError } from '../llm/client.js';
import { consumeOrThrow } from '../rate-limit.js';
import { chunkForSpeech, firstSentences, toSpeakableText } from './speakable.js';
import { removeAudioFile, writeAudioFile } from './storage.js';

/** Clip generations started per user per minute (each one costs provider calls). */
export const TTS_STARTS_PER_MINUTE = 20;
/** Speech requests in flight per clip: faster than one at a time, gentle on provider limits. */
const SPEECH_CONCURRENCY = 3;
const SHORT_FALLBACK_SENTENCES = 3;

export const TTS_NOT_CONFIGURED =
  'Read aloud needs a text-to-speech model — set MODEL_TTS (and a provider).';

const limiters = new WeakMap<AppServices['limiters'], RateLimiterMemory>();
async function spendStart(services: AppServices, userId: string): Promise<void> {
  let limiter = limiters.get(services.limiters);
  if (!limiter) {
    limiter = new RateLimiterMemory({
      keyPrefix: 'tts',
      points: TTS_STARTS_PER_MINUTE,
      duration: 60,
    });
    limiters.set(services.limiters, limiter);
  }
  await consumeOrThrow(limiter, `u:${userId}`, 'read-aloud requests');
}

export function audioUrl(clipId: string): string {
  return `/files/audio/${clipId}`;
}

function requireMessage(services: AppServices, userId: string, id: string): MessageRow {
  const row = messageQueries.findOwnedMessage({ db: services.db, id, userId });
  if (!row) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'Message not found. It may have been deleted; reload the conversation.',
    });
  }
  return row;
}

function spokenSource(row: MessageRow): { text: string; hash: string } {
  const text = toSpeakableText(row.content);
  return { text, hash: createHash('sha256').update(text).digest('hex') };
}

/** Asks the fast model for a short spoken version; the first sentences when there is none. */
async function condense(services: AppServices, text: string, signal: AbortSignal): Promise<string> {
  const { llm } = services;
  if (!llm.hasRole('fast')) return firstSentences(text, SHORT_FALLBACK_SENTENCES);
  const script = await llm.complete({
    model: llm.resolveModel('fast'),
    signal,
    temperature: 0.3,
    messages: [
      {
        role: 'system',
        content:
          'Rewrite the answer below as a short script to be read aloud: at most four plain sentences, no markdown, no lists, no code. Keep the key point and any conclusion. Reply with the script only.',
      },
      { role: 'user', content: text.slice(0, 24_000) },
    ],
  });
  return toSpeakableText(script) || firstSentences(text, SHORT_FALLBACK_SENTENCES);
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function generate(
  services: AppServices,
  clip: AudioClipRow,
  text: string,
  { signal, emit }: JobContext,
): Promise<void> {
  const { db, llm, config } = services;
  const filesDir = config.documents.filesDir;
  try {
    emit({ type: 'status', text: 'Preparing the text' });
    const spoken = clip.variant === 'short' ? await condense(services, text, signal) : text;
    const parts = chunkForSpeech(spoken, AUDIO_LIMITS.speechInputChars);
    let done = 0;
    emit({ type: 'progress', done, total: parts.length });
    const audio = await mapBounded(parts, SPEECH_CONCURRENCY, async (input) => {
      const bytes = await llm.speech({ input, voice: clip.voice, signal });
      done++;
      emit({ type: 'progress', done, total: parts.length });
      return bytes;
    });
    // MP3 is a sequence of self-contained frames: clips joined in order play as one.
    const joined = Buffer.concat(audio);
    await writeAudioFile(filesDir, clip.storageKey, joined);
    audioQueries.updateClip({ db, id: clip.id, changes: { status: 'ready', size: joined.length } });
    // The message (and its clip row) may have been deleted or regenerated meanwhile.
    if (audioQueries.findClipById({ db, id: clip.id })?.storageKey !== clip.storageKey)
      removeAudioFile(filesDir, clip.storageKey);
  } catch (err) {
    const message = signal.aborted ? 'Audio generation was stopped.' : describeLlmError(err);
    audioQueries.updateClip({ db, id: clip.id, changes: { status: 'failed', error: message } });
    removeAudioFile(filesDir, clip.storageKey);
    throw err;
  }
}

function readyOrLive(services: AppServices, clip: AudioClipRow | undefined, hash: string) {
  if (clip?.contentHash !== hash) return undefined;
  if (clip.status === 'ready') return { status: 'ready' as const, audioUrl: audioUrl(clip.id) };
  if (clip.status === 'generating' && clip.jobId && services.jobs.isLive(clip.jobId))
    return { status: 'generating' as const, jobId: clip.jobId };
  return undefined;
}

export async function requestTts({
  services,
  userId,
  input,
}: {
  services: AppServices;
  userId: string;
  input: TtsInput;
}): Promise<TtsResult> {
  const { db, jobs, llm, config } = services;
  const variant: TtsVariant = input.variant ?? 'full';
  const voice = input.voice ?? DEFAULT_TTS_VOICE;
  const message = requireMessage(services, userId, input.messageId);
  if (!llm.hasRole('tts'))
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: TTS_NOT_CONFIGURED });
  const { text, hash } = spokenSource(message);
  if (!text)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'This message has nothing to read aloud.',
    });

  const existing = audioQueries.findClip({ db, messageId: message.id, variant, voice });
  if (!input.recompute) {
    const cached = readyOrLive(services, existing, hash);
    if (cached) return cached;
  }
  await spendStart(services, userId);
  if (existing?.jobId) jobs.cancel(existing.jobId, userId);

  const jobId = randomUUID();
  const clip = audioQueries.upsertClip({
    db,
    clip: {
      id: randomUUID(),
      userId,
      messageId: message.id,
      variant,
      voice,
      contentHash: hash,
      storageKey: newStorageKey(),
      mimeType: 'audio/mpeg',
      size: 0,
      status: 'generating',
      jobId,
    },
  });
  if (existing && existing.storageKey !== clip.storageKey)
    removeAudioFile(config.documents.filesDir, existing.storageKey);
  jobs.start({
    id: jobId,
    kind: 'tts',
    userId,
    conversationId: message.conversationId,
    run: async (ctx) => {
      await generate(services, clip, text, ctx);
      return {};
    },
  });
  return { status: 'generating', jobId };
}

export function ttsStatus({
  services,
  userId,
  messageId,
  variant = 'full',
  voice,
}: {
  services: AppServices;
  userId: string;
  messageId: string;
  variant?: TtsVariant | undefined;
  voice?: string | undefined;
}): TtsStatus {
  const { db, jobs } = services;
  const message = requireMessage(services, userId, messageId);
  const clip =
    voice === undefined
      ? audioQueries.findLatestClip({ db, messageId, variant })
      : audioQueries.findClip({ db, messageId, variant, voice });
  if (clip?.contentHash !== spokenSource(message).hash) return { status: 'none' };
  switch (clip.status) {
    case 'ready':
      return { status: 'ready', audioUrl: audioUrl(clip.id) };
    case 'failed':
      return { status: 'failed', error: clip.error ?? 'Audio generation failed.' };
    default:
      return clip.jobId && jobs.isLive(clip.jobId)
        ? { status: 'generating', jobId: clip.jobId }
        : { status: 'failed', error: 'Audio generation was interrupted. Try again.' };
  }
}

/** The caller's ready clip for `GET /files/audio/:id`; undefined when missing or someone else's. */
export function findOwnedAudioFile({
  db,
  userId,
  id,
}: {
  db: AppServices['db'];
  userId: string;
  id: string;
}): { storageKey: string; filename: string; mimeType: string } | undefined {
  const clip = audioQueries.findOwnedClip({ db, id, userId });
  if (clip?.status !== 'ready') return undefined;
  return {
    storageKey: clip.storageKey,
    filename: `message-${clip.variant}.mp3`,
    mimeType: clip.mimeType,
  };
}
