/** `documents.upload` with upload progress (see lib/formUpload.ts for why not `fetch`). */
import { errorOf, isRecord, postForm, resultOf, UploadError } from '../../lib/formUpload';
import type { RouterOutputs } from '../../lib/trpc';

export type UploadResult = RouterOutputs['documents']['upload'];
export { UploadError };

const STATUS_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  413: 'The file is larger than the server accepts.',
  415: 'This kind of file is not supported.',
  429: 'Too many uploads at once. Wait a moment and try again.',
};

export interface UploadOptions {
  conversationId: string;
  file: File;
  /** Fraction of the bytes sent, 0…1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export async function uploadDocument({
  conversationId,
  file,
  onProgress,
  signal,
}: UploadOptions): Promise<UploadResult> {
  const form = new FormData();
  form.set('conversationId', conversationId);
  form.set('file', file, file.name);
  const response = await postForm('/trpc/documents.upload', form, {
    onProgress,
    signal,
    cancelledMessage: 'The upload was cancelled.',
  });
  const result = resultOf(response);
  if (isRecord(result) && typeof result.documentId === 'string')
    return result as unknown as UploadResult;
  throw errorOf(
    response,
    (status) => STATUS_MESSAGES[status] ?? `The upload failed (HTTP ${String(status)}).`,
  );
}
