/**
 * The one wrapper over the `openai` SDK. Works with any OpenAI-compatible server (base URL + key).
 * Retries rate limits and server errors with backoff, but only before the first token: once text
 * has streamed, a failure is reported, never papered over by a silent second answer.
 */
import { TRPCError } from '@trpc/server';
import OpenAI, { toFile } from 'openai';
import type { LlmConfig, ModelInfo } from '../../config.js';
import type { Logger } from '../logger.js';

export type ChatRole = 'system' | 'user' | 'assistant';

/** A piece of a message in OpenAI's content-part form: text, or an image as a (data) URL. */
export type ContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: ChatRole;
  /** Plain text, or parts when the message carries images (user messages only). */
  content: string | ContentPart[];
}

/** The text of a message's content; image parts contribute nothing. */
export function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n\n');
}

/**
 * The SDK's message shape. Only user messages may carry images there, so a system or assistant
 * message given as parts is sent as its text.
 */
function toProviderMessage(message: ChatMessage): OpenAI.Chat.ChatCompletionMessageParam {
  if (message.role === 'user') return { role: 'user', content: message.content };
  return { role: message.role, content: contentText(message.content) };
}

export type ModelRole = keyof LlmConfig['roles'];

export const NO_PROVIDER_MESSAGE =
  'No model provider configured — set OPENAI_API_KEY / OPENAI_BASE_URL (and MODEL_CHAT for servers other than OpenAI).';

export interface LlmServiceOptions {
  config: LlmConfig;
  logger: Logger;
  /** Attempts for 429/5xx/connection errors before the first token (1 = no retry). */
  attempts?: number;
  /** Base backoff; doubled per attempt, or the server's Retry-After when it sends one. */
  backoffMs?: number;
}

function isRetryable(err: unknown): boolean {
  if (err instanceof OpenAI.APIConnectionError) return true;
  if (err instanceof OpenAI.APIError)
    return err.status === 429 || (err.status !== undefined && err.status >= 500);
  return false;
}

function retryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof OpenAI.APIError)) return undefined;
  const headers = err.headers as Headers | undefined;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 30_000) : undefined;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError(signal));
      },
      { once: true },
    );
  });
}

/** A provider failure as a sentence a person can act on. */
export function describeLlmError(err: unknown): string {
  if (err instanceof OpenAI.APIError && err.status !== undefined) {
    if (err.status === 401 || err.status === 403)
      return 'The model provider refused the API key (check OPENAI_API_KEY).';
    if (err.status === 404) return `The model provider does not know this model: ${err.message}`;
    if (err.status === 429)
      return 'The model provider is rate limiting requests. Try again in a moment.';
    return `The model provider failed (HTTP ${err.status}): ${err.message}`;
  }
  if (err instanceof OpenAI.APIConnectionError)
    return 'Could not reach the model provider (connection failed).';
  if (err instanceof Error) return `The model provider failed: ${err.message}`;
  return 'The model provider failed.';
}

export class LlmService {
  private readonly config: LlmConfig;
  private readonly logger: Logger;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private client: OpenAI | undefined;

  constructor(options: LlmServiceOptions) {
    this.config = options.config;
    this.logger = options.logger;
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
  }

  /** Whether a provider is configured at all. */
  get configured(): boolean {
    return this.config.apiKey !== undefined || this.config.baseUrl !== undefined;
  }

  private sdk(): OpenAI {
    if (!this.configured)
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: NO_PROVIDER_MESSAGE });
    this.client ??= new OpenAI({
      // Local servers (Ollama, llama.cpp) take any key; the SDK insists on one.
      apiKey: this.config.apiKey ?? 'not-needed',
      baseURL: this.config.baseUrl,
      maxRetries: 0,
      timeout: 10 * 60 * 1000,
    });
    return this.client;
  }

  /** The catalog for the model picker. */
  models(): (ModelInfo & { isDefault: boolean })[] {
    if (!this.configured) return [];
    return this.config.models.map((m) => ({ ...m, isDefault: m.id === this.config.roles.chat }));
  }

  /**
   * The model for a role, or the explicitly requested one if it is in the catalog. Never
   * substitutes: an unknown model is a clear error.
   */
  resolveModel(role: ModelRole, requested?: string): string {
    if (!this.configured)
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: NO_PROVIDER_MESSAGE });
    if (requested !== undefined) {
      if (!this.config.models.some((m) => m.id === requested)) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Unknown model "${requested}". Choose one of: ${this.config.models.map((m) => m.id).join(', ') || '(none configured)'}.`,
        });
      }
      return requested;
    }
    const model = this.config.roles[role];
    if (model === undefined) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: `No ${role} model configured — set MODEL_${role.toUpperCase()}.`,
      });
    }
    return model;
  }

  hasRole(role: ModelRole): boolean {
    return this.configured && this.config.roles[role] !== undefined;
  }

  private async withRetry<T>(
    signal: AbortSignal | undefined,
    attempt: () => Promise<T>,
  ): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (err) {
        if (signal?.aborted || i >= this.attempts || !isRetryable(err)) throw err;
        const wait = retryAfterMs(err) ?? this.backoffMs * 2 ** (i - 1);
        this.logger.warn(
          { attempt: i, wait, err: describeLlmError(err) },
          'model call failed, retrying',
        );
        await sleep(wait, signal);
      }
    }
  }

  /** Streams the text of a chat completion; retries happen only before the first token. */
  async *streamChat({
    model,
    messages,
    signal,
    temperature,
  }: {
    model: string;
    messages: ChatMessage[];
    signal?: AbortSignal;
    temperature?: number;
  }): AsyncGenerator<string> {
    const sdk = this.sdk();
    const stream = await this.withRetry(signal, async () => {
      const s = await sdk.chat.completions.create(
        { model, messages: messages.map(toProviderMessage), stream: true, temperature },
        { signal },
      );
      // Pull the first chunk inside the retry window: errors often arrive with it.
      const iterator = s[Symbol.asyncIterator]();
      const first = await iterator.next();
      return { iterator, first };
    });
    let { first } = stream;
    while (!first.done) {
      const text = first.value.choices[0]?.delta.content;
      if (text) yield text;
      first = await stream.iterator.next();
      // The SDK may end an aborted stream quietly; a cut-off answer must not look complete.
      if (signal?.aborted) throw abortError(signal);
    }
  }

  /** A whole (non-streamed) completion, for titles, summaries and extraction. */
  async complete({
    model,
    messages,
    signal,
    temperature,
  }: {
    model: string;
    messages: ChatMessage[];
    signal?: AbortSignal;
    temperature?: number;
  }): Promise<string> {
    const sdk = this.sdk();
    const res = await this.withRetry(signal, () =>
      sdk.chat.completions.create(
        { model, messages: messages.map(toProviderMessage), temperature },
        { signal },
      ),
    );
    return res.choices[0]?.message.content ?? '';
  }

  /** Embeddings in request order, as float32 vectors. */
  async embed({
    texts,
    signal,
  }: {
    texts: string[];
    signal?: AbortSignal;
  }): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const model = this.resolveModel('embedding');
    const sdk = this.sdk();
    const res = await this.withRetry(signal, () =>
      sdk.embeddings.create({ model, input: texts }, { signal }),
    );
    return [...res.data]
      .sort((a, b) => a.index - b.index)
      .map((d) => Float32Array.from(d.embedding));
  }

  /** Speech to text with the `stt` model (audio documents, voice input). */
  async transcribe({
    bytes,
    filename,
    mimeType,
    signal,
  }: {
    bytes: Uint8Array;
    filename: string;
    mimeType: string;
    signal?: AbortSignal;
  }): Promise<string> {
    const model = this.resolveModel('stt');
    const sdk = this.sdk();
    const res = await this.withRetry(signal, async () =>
      sdk.audio.transcriptions.create(
        { model, file: await toFile(bytes, filename, { type: mimeType }) },
        { signal },
      ),
    );
    return res.text;
  }

  /** Text to speech with the `tts` model: the audio bytes (MP3 unless another format is asked). */
  async speech({
    input,
    voice,
    signal,
  }: {
    input: string;
    voice: string;
    signal?: AbortSignal;
  }): Promise<Uint8Array> {
    const model = this.resolveModel('tts');
    const sdk = this.sdk();
    return this.withRetry(signal, async () => {
      const res = await sdk.audio.speech.create(
        { model, voice, input, response_format: 'mp3' },
        { signal },
      );
      return new Uint8Array(await res.arrayBuffer());
    });
  }
}
