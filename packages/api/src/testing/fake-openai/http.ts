// Small node:http helpers shared by the fake's route handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** Error with an HTTP status, turned into an OpenAI-style error response by the router. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Bad request' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key' },
  404: { type: 'invalid_request_error', code: 'not_found', message: 'Not found' },
  413: { type: 'invalid_request_error', code: 'payload_too_large', message: 'Body too large' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached' },
  500: { type: 'server_error', code: null, message: 'The server had an error' },
  503: { type: 'server_error', code: 'overloaded', message: 'The engine is overloaded' },
};

/** The `{ error: { message, type, code, param } }` object the openai SDK parses. */
export function errorBody(
  status: number,
  message?: string,
  code?: string | null,
): { error: { message: string; type: string; code: string | null; param: null } } {
  const known = ERROR_TYPES[status];
  return {
    error: {
      message: message ?? known?.message ?? `HTTP ${status}`,
      type: known?.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      code: code ?? known?.code ?? null,
      param: null,
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message?: string,
  code?: string | null,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, errorBody(status, message, code));
}

/** Lower-case header map with repeated values joined, easy to assert on. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Waits `ms` or until `signal` aborts; returns false when aborted (the caller stops writing). */
export async function sleep(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms === undefined || ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Rough token count (~4 characters per token); good enough for fake usage numbers. */
export function approxTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
