// A fake OpenAI-compatible HTTP server for tests and benchmarks (ARCHITECTURE.md § 5): the real
// openai SDK talks to it over loopback, so the whole provider path is exercised without a network.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleSpeech, handleTranscription } from './fake-openai/audio.js';
import { echoResponder, handleChat, parseChatRequest } from './fake-openai/chat.js';
import { DEFAULT_EMBEDDING_DIMENSION, handleEmbeddings } from './fake-openai/embeddings.js';
import { isMultipart, parseBody, readBody } from './fake-openai/body.js';
import { flattenHeaders, HttpError, sendError, sendJson, sleep } from './fake-openai/http.js';
import type {
  FakeChatRequest,
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeRoute,
  RecordedRequest,
  ScriptedFailure,
  ScriptedReply,
} from './fake-openai/types.js';

export type * from './fake-openai/types.js';
export { decodeFakeAudio } from './fake-openai/audio.js';
export { echoResponder, wordChunks } from './fake-openai/chat.js';
export { DEFAULT_EMBEDDING_DIMENSION, fakeEmbedding } from './fake-openai/embeddings.js';

export const DEFAULT_FAKE_MODELS = [
  'fake-chat',
  'fake-fast',
  'fake-vision',
  'fake-embed',
  'fake-tts',
  'fake-stt',
];

/** Fixed so model listings are deterministic. */
const MODEL_CREATED = 1_700_000_000;
const DEFAULT_MAX_BODY = 50 * 1024 * 1024;

const ROUTES: Record<string, FakeRoute | undefined> = {
  'GET /v1/models': 'models',
  'POST /v1/chat/completions': 'chat',
  'POST /v1/embeddings': 'embeddings',
  'POST /v1/audio/speech': 'speech',
  'POST /v1/audio/transcriptions': 'transcriptions',
};

/** Mutable state behind one fake server; `reset()` puts it back to this. */
interface FakeState {
  requests: RecordedRequest[];
  scripts: ScriptedReply[];
  failures: Map<FakeRoute, ScriptedFailure[]>;
  embeddings: Map<string, number[]>;
  transcription: string | undefined;
  respond: (body: FakeChatRequest) => ScriptedReply;
}

/** Starts a fake on 127.0.0.1 with a free port. Close it in `afterAll`. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const defaultRespond = options.respond ?? echoResponder;
  const state: FakeState = {
    requests: [],
    scripts: [],
    failures: new Map(),
    embeddings: new Map(),
    transcription: undefined,
    respond: defaultRespond,
  };
  const server = createServer((req, res) => {
    void handleRequest(req, res, state, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests: state.requests,
    chatRequests: () =>
      state.requests
        .filter((r) => r.path === '/v1/chat/completions' && r.method === 'POST')
        .flatMap((r) => (isChatRequest(r.body) ? [r.body] : [])),
    script: (...replies) => state.scripts.push(...replies),
    get pendingScripts() {
      return state.scripts.length;
    },
    setDefaultResponder: (respond) => {
      state.respond = respond ?? defaultRespond;
    },
    failNext: (route, failure) => {
      const queue = state.failures.get(route) ?? [];
      queue.push(failure);
      state.failures.set(route, queue);
    },
    setEmbedding: (text, vector) => {
      if (vector) state.embeddings.set(text, vector);
      else state.embeddings.delete(text);
    },
    setTranscription: (text) => {
      state.transcription = text;
    },
    reset: () => {
      // Cleared in place so a reference to `requests` taken earlier stays live.
      state.requests.length = 0;
      state.scripts.length = 0;
      state.failures.clear();
      state.embeddings.clear();
      state.transcription = undefined;
      state.respond = defaultRespond;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and streaming sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function isChatRequest(body: unknown): body is FakeChatRequest {
  return typeof body === 'object' && body !== null && 'messages' in body && 'model' in body;
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  state: FakeState,
  options: FakeOpenAIOptions,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    headers: flattenHeaders(req),
    body: undefined,
    timestamp: Date.now(),
    aborted: false,
  };
  state.requests.push(record);
  // Aborts pending delays and stops writing once the client goes away.
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) {
      record.aborted = true;
      controller.abort();
    }
  });
  try {
    const raw = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    record.body = parseBody(req.headers['content-type'], raw);
    await route(req, res, record, state, options, controller.signal);
  } catch (error) {
    if (error instanceof HttpError) sendError(res, error.status, error.message, error.code);
    else sendError(res, 500, error instanceof Error ? error.message : String(error));
  }
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  state: FakeState,
  options: FakeOpenAIOptions,
  signal: AbortSignal,
): Promise<void> {
  checkApiKey(req, options.apiKey);
  const models = options.models ?? DEFAULT_FAKE_MODELS;
  const name = ROUTES[`${record.method} ${record.path}`];
  if (name === undefined) {
    sendModelOrNotFound(res, record, models);
    return;
  }
  const failure = state.failures.get(name)?.shift();
  if (failure) {
    if (await sleep(failure.delayMs, signal)) sendError(res, failure.status, failure.errorMessage);
    return;
  }
  if (options.strictModels === true) checkModel(record.body, models);

  switch (name) {
    case 'models':
      sendJson(res, 200, { object: 'list', data: models.map(modelObject) });
      return;
    case 'chat': {
      const body = parseChatRequest(record.body);
      await handleChat(res, body, nextReply(state, body), signal);
      return;
    }
    case 'embeddings':
      handleEmbeddings(
        res,
        record.body,
        options.embeddingDimension ?? DEFAULT_EMBEDDING_DIMENSION,
        state.embeddings,
      );
      return;
    case 'speech':
      handleSpeech(res, record.body, options.speechMode ?? 'audio');
      return;
    case 'transcriptions':
      handleTranscription(
        res,
        isMultipart(record.body) ? record.body : undefined,
        state.transcription,
      );
      return;
  }
}

function checkApiKey(req: IncomingMessage, apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  if (req.headers.authorization !== `Bearer ${apiKey}`) {
    throw new HttpError(401, 'Incorrect API key provided.', 'invalid_api_key');
  }
}

/** With `strictModels`, an unknown model is a 404 like OpenAI's, never a silent substitution. */
function checkModel(body: unknown, models: string[]): void {
  const model = isMultipart(body)
    ? body.fields.model
    : typeof body === 'object' && body !== null && 'model' in body
      ? body.model
      : undefined;
  if (typeof model === 'string' && !models.includes(model)) {
    throw new HttpError(404, `The model \`${model}\` does not exist.`, 'model_not_found');
  }
}

function modelObject(id: string) {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'fake-openai' };
}

/** `GET /v1/models/{id}` is the only parameterised route; anything else is a 404. */
function sendModelOrNotFound(res: ServerResponse, record: RecordedRequest, models: string[]): void {
  const prefix = '/v1/models/';
  if (record.method === 'GET' && record.path.startsWith(prefix)) {
    const id = decodeURIComponent(record.path.slice(prefix.length));
    if (models.includes(id)) {
      sendJson(res, 200, modelObject(id));
      return;
    }
    sendError(res, 404, `The model \`${id}\` does not exist.`, 'model_not_found');
    return;
  }
  sendError(res, 404, `Unknown route ${record.method} ${record.path}`, 'unknown_url');
}

/** First queued reply whose `match` accepts the body, else the default responder. */
function nextReply(state: FakeState, body: FakeChatRequest): ScriptedReply {
  const index = state.scripts.findIndex((reply) => reply.match?.(body) ?? true);
  const [scripted] = index === -1 ? [] : state.scripts.splice(index, 1);
  return scripted ?? state.respond(body);
}
