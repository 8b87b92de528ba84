/**
 * `account.import` with upload progress. An account export can be hundreds of megabytes and
 * `fetch` cannot report how much has been sent, so — like `documents.upload` (see
 * ../documents/upload.ts) — the one request is made with XMLHttpRequest in tRPC's wire format:
 * same URL, superjson encoding, cookies and Origin header. Errors are `UploadError`s carrying
 * tRPC's `data`, so `getErrorMessage` reads them as usual.
 */
import type { AccountImportResult } from '@margin/shared';
import superjson, { type SuperJSONResult } from 'superjson';
import { z } from 'zod';
import { UploadError } from '../documents/upload';

const count = z.number().int().min(0);

const importResultSchema = z.object({
  workspaces: z.object({ created: count, existing: count }),
  conversations: z.object({ created: count, existing: count }),
  messages: count,
  doubts: count,
  documents: z.object({ created: count, reindexing: count }),
  prompts: z.object({ created: count, renamed: count, existing: count }),
  memory: z.object({ created: count, skipped: count }),
  profileUpdated: z.boolean(),
}) satisfies z.ZodType<AccountImportResult>;

const NETWORK_MESSAGE = "Can't reach the server. Check your connection and try again.";
const TOO_LARGE = 'The file is larger than the server accepts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function decode(value: unknown): unknown {
  return isRecord(value) && 'json' in value
    ? superjson.deserialize(value as unknown as SuperJSONResult)
    : value;
}

/** "The file is larger than the server accepts (at most 256 MB)." from the server's 413 text. */
function tooLargeMessage(serverMessage: string | undefined): string {
  const limit = serverMessage ? /(\d+(?:\.\d+)?\s?[KMG]B)/.exec(serverMessage)?.[1] : undefined;
  return limit ? `${TOO_LARGE} (at most ${limit}).` : `${TOO_LARGE}.`;
}

export type ImportResponse =
  { ok: true; result: AccountImportResult } | { ok: false; error: UploadError };

/** Reads the server's answer (status and body text) to an `account.import` request. */
export function readImportResponse(status: number, bodyText: string): ImportResponse {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300 && isRecord(body) && isRecord(body.result)) {
    const parsed = importResultSchema.safeParse(decode(body.result.data));
    if (parsed.success) return { ok: true, result: parsed.data };
  }
  const error = isRecord(body) ? decode(body.error) : undefined;
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
  const data = isRecord(error) && isRecord(error.data) ? error.data : {};
  const code = typeof data.code === 'string' ? data.code : undefined;
  const httpStatus = typeof data.httpStatus === 'number' ? data.httpStatus : status;
  const fields = { ...(code ? { code } : {}), httpStatus };
  if (httpStatus === 413 || code === 'PAYLOAD_TOO_LARGE') {
    return { ok: false, error: new UploadError(tooLargeMessage(message), fields) };
  }
  if (message) return { ok: false, error: new UploadError(message, fields) };
  const fallback =
    status === 401
      ? 'Your session has ended. Sign in again.'
      : status >= 200 && status < 300
        ? 'The server’s answer was not understood. Reload the page and check what was imported.'
        : `The import failed (HTTP ${String(status)}).`;
  return { ok: false, error: new UploadError(fallback, { httpStatus: status }) };
}

export interface ImportOptions {
  file: File;
  /** Fraction of the file sent, 0…1. */
  onProgress?: (fraction: number) => void;
  /** Everything is sent: the server is now reading and adding the data. */
  onSent?: () => void;
  signal?: AbortSignal;
}

export function uploadAccountExport({
  file,
  onProgress,
  onSent,
  signal,
}: ImportOptions): Promise<AccountImportResult> {
  return new Promise<AccountImportResult>((resolve, reject) => {
    const abortError = () => new DOMException('The import was cancelled.', 'AbortError');
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const form = new FormData();
    form.set('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/trpc/account.import');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => {
      onSent?.();
    };
    xhr.onload = () => {
      const response = readImportResponse(xhr.status, xhr.responseText);
      if (response.ok) resolve(response.result);
      else reject(response.error);
    };
    xhr.onerror = () => {
      reject(new UploadError(NETWORK_MESSAGE));
    };
    xhr.onabort = () => {
      reject(abortError());
    };
    signal?.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(form);
  });
}
