/**
 * `account.import` with upload progress (an export can be hundreds of megabytes; see
 * lib/formUpload.ts for why not `fetch`).
 */
import type { AccountImportResult } from '@margin/shared';
import { z } from 'zod';
import {
  errorOf,
  parseFormResponse,
  postForm,
  resultOf,
  UploadError,
  type FormResponse,
} from '../../lib/formUpload';

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

const TOO_LARGE = 'The file is larger than the server accepts';

/** "The file is larger than the server accepts (at most 256 MB)." from the server's 413 text. */
function tooLargeMessage(serverMessage: string | undefined): string {
  const limit = serverMessage ? /(\d+(?:\.\d+)?\s?[KMG]B)/.exec(serverMessage)?.[1] : undefined;
  return limit ? `${TOO_LARGE} (at most ${limit}).` : `${TOO_LARGE}.`;
}

export type ImportResponse =
  { ok: true; result: AccountImportResult } | { ok: false; error: UploadError };

/** Reads the server's answer (status and body text) to an `account.import` request. */
export function readImportResponse(status: number, bodyText: string): ImportResponse {
  return interpret(parseFormResponse(status, bodyText));
}

function interpret(response: FormResponse): ImportResponse {
  const parsed = importResultSchema.safeParse(resultOf(response));
  if (parsed.success) return { ok: true, result: parsed.data };
  const { status } = response;
  const error = errorOf(response, (code) =>
    code === 401
      ? 'Your session has ended. Sign in again.'
      : code >= 200 && code < 300
        ? 'The server’s answer was not understood. Reload the page and check what was imported.'
        : `The import failed (HTTP ${String(code)}).`,
  );
  if (error.data?.httpStatus === 413 || error.data?.code === 'PAYLOAD_TOO_LARGE' || status === 413)
    return {
      ok: false,
      error: new UploadError(tooLargeMessage(error.message), error.data),
    };
  return { ok: false, error };
}

export interface ImportOptions {
  file: File;
  /** Fraction of the file sent, 0…1. */
  onProgress?: (fraction: number) => void;
  /** Everything is sent: the server is now reading and adding the data. */
  onSent?: () => void;
  signal?: AbortSignal;
}

export async function uploadAccountExport({
  file,
  onProgress,
  onSent,
  signal,
}: ImportOptions): Promise<AccountImportResult> {
  const form = new FormData();
  form.set('file', file, file.name);
  const response = await postForm('/trpc/account.import', form, {
    onProgress,
    onSent,
    signal,
    cancelledMessage: 'The import was cancelled.',
  });
  const read = interpret(response);
  if (read.ok) return read.result;
  throw read.error;
}
