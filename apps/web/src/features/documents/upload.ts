/**
 * `documents.upload` with upload progress. The tRPC client sends FormData with `fetch`, which
 * cannot report how much of a large file has been sent, so this one request is made with
 * XMLHttpRequest in tRPC's own wire format (same URL, same superjson encoding, same cookies and
 * Origin header), and errors carry tRPC's `data` so `getErrorMessage` reads them as usual.
 */
import superjson, { type SuperJSONResult } from 'superjson';
import type { RouterOutputs } from '../../lib/trpc';

export type UploadResult = RouterOutputs['documents']['upload'];

/** An upload the server (or the network) refused; `data` mirrors a TRPCClientError's. */
export class UploadError extends Error {
  readonly data: { code?: string; httpStatus?: number } | undefined;
  constructor(message: string, data?: { code?: string; httpStatus?: number }) {
    super(message);
    this.name = 'UploadError';
    this.data = data;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isSerialized(value: unknown): value is SuperJSONResult {
  return isRecord(value) && 'json' in value;
}

function decode(value: unknown): unknown {
  return isSerialized(value) ? superjson.deserialize(value) : value;
}

const STATUS_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  413: 'The file is larger than the server accepts.',
  415: 'This kind of file is not supported.',
  429: 'Too many uploads at once. Wait a moment and try again.',
};

function errorFrom(status: number, body: unknown): UploadError {
  const error = isRecord(body) ? decode(body.error) : undefined;
  if (isRecord(error) && typeof error.message === 'string') {
    const data = isRecord(error.data) ? error.data : {};
    return new UploadError(error.message, {
      ...(typeof data.code === 'string' ? { code: data.code } : {}),
      httpStatus: typeof data.httpStatus === 'number' ? data.httpStatus : status,
    });
  }
  return new UploadError(STATUS_MESSAGES[status] ?? `The upload failed (HTTP ${String(status)}).`, {
    httpStatus: status,
  });
}

export interface UploadOptions {
  conversationId: string;
  file: File;
  /** Fraction of the bytes sent, 0…1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export function uploadDocument({
  conversationId,
  file,
  onProgress,
  signal,
}: UploadOptions): Promise<UploadResult> {
  return new Promise<UploadResult>((resolve, reject) => {
    const form = new FormData();
    form.set('conversationId', conversationId);
    form.set('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/trpc/documents.upload');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(body) && isRecord(body.result)) {
        const result = decode(body.result.data);
        if (isRecord(result) && typeof result.documentId === 'string') {
          resolve(result as unknown as UploadResult);
          return;
        }
      }
      reject(errorFrom(xhr.status, body));
    };
    xhr.onerror = () => {
      reject(new UploadError("Can't reach the server. Check your connection and try again."));
    };
    xhr.onabort = () => {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => {
        xhr.abort();
      });
    }
    xhr.send(form);
  });
}
