/**
 * A multipart tRPC mutation with upload progress (`documents.upload`, `account.import`). The tRPC
 * client sends FormData with `fetch`, which cannot report how much of a large file has been sent,
 * so the one request is made with XMLHttpRequest in tRPC's own wire format (same URL, superjson
 * encoding, cookies and Origin header). Errors carry tRPC's `data`, so `getErrorMessage` reads
 * them as usual.
 */
import superjson, { type SuperJSONResult } from 'superjson';

/** An upload the server (or the network) refused; `data` mirrors a TRPCClientError's. */
export class UploadError extends Error {
  readonly data: { code?: string; httpStatus?: number } | undefined;
  constructor(message: string, data?: { code?: string; httpStatus?: number }) {
    super(message);
    this.name = 'UploadError';
    this.data = data;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function decode(value: unknown): unknown {
  return isRecord(value) && 'json' in value
    ? superjson.deserialize(value as unknown as SuperJSONResult)
    : value;
}

/** What the server answered: its status and the body, parsed when it is JSON. */
export interface FormResponse {
  status: number;
  body: unknown;
}

export function parseFormResponse(status: number, bodyText: string): FormResponse {
  try {
    return { status, body: JSON.parse(bodyText) as unknown };
  } catch {
    return { status, body: undefined };
  }
}

/** The procedure's result (decoded), or undefined when the answer is not a success. */
export function resultOf({ status, body }: FormResponse): unknown {
  if (status < 200 || status >= 300 || !isRecord(body) || !isRecord(body.result)) return undefined;
  return decode(body.result.data);
}

/** The server's error (message, code, HTTP status), or `fallback(status)` when it sent none. */
export function errorOf(
  { status, body }: FormResponse,
  fallback: (status: number) => string,
): UploadError {
  const error = isRecord(body) ? decode(body.error) : undefined;
  if (isRecord(error) && typeof error.message === 'string') {
    const data = isRecord(error.data) ? error.data : {};
    return new UploadError(error.message, {
      ...(typeof data.code === 'string' ? { code: data.code } : {}),
      httpStatus: typeof data.httpStatus === 'number' ? data.httpStatus : status,
    });
  }
  return new UploadError(fallback(status), { httpStatus: status });
}

export interface PostFormOptions {
  /** Fraction of the bytes sent, 0…1. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Everything is sent: the server is now working on it. */
  onSent?: (() => void) | undefined;
  signal?: AbortSignal | undefined;
  /** The AbortError's message when `signal` cancels it. */
  cancelledMessage: string;
}

/** POSTs `form` to the procedure at `path` (e.g. `/trpc/documents.upload`). */
export function postForm(
  path: string,
  form: FormData,
  { onProgress, onSent, signal, cancelledMessage }: PostFormOptions,
): Promise<FormResponse> {
  return new Promise<FormResponse>((resolve, reject) => {
    const cancelled = () => new DOMException(cancelledMessage, 'AbortError');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => {
      onSent?.();
    };
    xhr.onload = () => {
      resolve(parseFormResponse(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      reject(new UploadError("Can't reach the server. Check your connection and try again."));
    };
    xhr.onabort = () => {
      reject(cancelled());
    };
    signal?.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(form);
  });
}
