// Public types of the fake OpenAI-compatible server (re-exported from ../fake-openai.ts).

/** Routes the fake serves; used to script failures per route. */
export type FakeRoute = 'models' | 'chat' | 'embeddings' | 'speech' | 'transcriptions';

/** One part of a message's content; `image_url` is set on image parts. */
export interface FakeContentPart {
  type: string;
  text?: string | undefined;
  image_url?: { url: string; [key: string]: unknown } | undefined;
  [key: string]: unknown;
}

/** One message of a chat request, as far as the fake needs to understand it. */
export interface FakeChatMessage {
  role: string;
  /** String, content parts (text / image_url / …) or null (assistant tool calls). */
  content?: string | FakeContentPart[] | null | undefined;
  [key: string]: unknown;
}

/** The parsed body of `POST /v1/chat/completions` (unknown fields are kept). */
export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  stream?: boolean | null | undefined;
  stream_options?:
    { include_usage?: boolean | undefined; [key: string]: unknown } | null | undefined;
  [key: string]: unknown;
}

/** How a scripted stream fails part-way. */
export type FakeFailMode =
  /** Destroy the socket: the client sees a network error ("terminated"). */
  | 'destroy'
  /** Send an SSE `data: {"error": …}` event and end: the openai SDK throws an APIError. */
  | 'error-event';

/** One scripted chat reply (also what a default responder returns). */
export interface ScriptedReply {
  /** Full reply text; split into word chunks when `chunks` is not given. */
  content?: string;
  /** Exact stream chunks (their concatenation is the non-stream content). */
  chunks?: string[];
  /** Wait before the first token (headers are sent at once, like a real provider). */
  delayMs?: number;
  /** Wait between content chunks. */
  chunkDelayMs?: number;
  /** Send this many content chunks, then fail (see `failMode`). 0 fails right after the role delta. */
  failAfterChunks?: number;
  /** How the mid-stream failure shows; default 'destroy'. */
  failMode?: FakeFailMode;
  /** Answer with this HTTP error status before any streaming (e.g. 429, 500). */
  status?: number;
  /** Error message for `status`; a default per status otherwise. */
  errorMessage?: string;
  /** `finish_reason` of the final chunk; default 'stop'. */
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Only used for a request this accepts; unmatched replies stay queued. */
  match?: (body: FakeChatRequest) => boolean;
}

/** A scripted HTTP failure for any route (consumed by the next request to that route). */
export interface ScriptedFailure {
  status: number;
  errorMessage?: string;
  /** Wait before answering. */
  delayMs?: number;
}

/** Summary of a multipart/form-data body (file bytes are not kept, only their size). */
export interface MultipartSummary {
  kind: 'multipart';
  fields: Record<string, string>;
  files: { field: string; filename: string; contentType: string; size: number }[];
}

/** One request the fake received, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-case header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON, a multipart summary, raw text for other types, or undefined when empty. */
  body: unknown;
  /** `Date.now()` on arrival. */
  timestamp: number;
  /** True when the connection closed before the response finished (client abort or scripted failure). */
  aborted: boolean;
}

/** What a speech request answers with. */
export type SpeechMode =
  /** Small valid audio (silent MP3 with an ID3 title, or WAV with an INFO comment) tagged with the text. */
  | 'audio'
  /** Just the tag bytes, `FAKEAUDIO:<byteLength>:<input>`, whatever the requested format. */
  | 'raw';

export interface FakeOpenAIOptions {
  /** When set, every request needs `Authorization: Bearer <apiKey>` or gets 401. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
  /** When true, a chat/embedding/speech/transcription request for a model not in `models` gets 404. */
  strictModels?: boolean;
  /** Embedding dimension when the request has no `dimensions`; default 384. */
  embeddingDimension?: number;
  /** Reply used when the script queue is empty (or nothing in it matches); default echoes. */
  respond?: (body: FakeChatRequest) => ScriptedReply;
  /** Default 'audio'. */
  speechMode?: SpeechMode;
  /** Largest accepted request body; default 50 MiB. */
  maxBodyBytes?: number;
}

export interface FakeOpenAI {
  /** Base URL ending in `/v1`, for `new OpenAI({ baseURL })`. */
  readonly url: string;
  readonly port: number;
  /** Every request received since start or the last `reset()`. */
  readonly requests: RecordedRequest[];
  /** Parsed bodies of the chat completion requests received, in order. */
  chatRequests(): FakeChatRequest[];
  /** Queue chat replies, consumed in order by later chat requests. */
  script(...replies: ScriptedReply[]): void;
  /** Number of scripted chat replies not yet consumed. */
  readonly pendingScripts: number;
  /** Replace the responder used when no script applies (undefined restores the echo). */
  setDefaultResponder(respond: ((body: FakeChatRequest) => ScriptedReply) | undefined): void;
  /** Queue an HTTP failure for the next request(s) to a route. */
  failNext(route: FakeRoute, failure: ScriptedFailure): void;
  /** Return exactly this vector for this input text (undefined removes the override). */
  setEmbedding(text: string, vector: number[] | undefined): void;
  /** Text returned by transcriptions (undefined restores "fake transcription of N bytes"). */
  setTranscription(text: string | undefined): void;
  /** Clear recorded requests, scripts, failures, overrides and the responder. */
  reset(): void;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}
