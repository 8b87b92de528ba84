import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { getErrorCode, getErrorMessage, isClientError } from '../../lib/errors';
import { readImportResponse } from './dataUpload';

const result = {
  workspaces: { created: 1, existing: 2 },
  conversations: { created: 3, existing: 0 },
  messages: 10,
  doubts: 0,
  documents: { created: 1, reindexing: 1 },
  prompts: { created: 1, renamed: 0, existing: 0 },
  memory: { created: 4, skipped: 0 },
  profileUpdated: false,
};

/** A tRPC error body as the server sends it (superjson-encoded). */
function errorBody(message: string, code: string, httpStatus: number): string {
  return JSON.stringify({
    error: superjson.serialize({ message, code: -32600, data: { code, httpStatus } }),
  });
}

describe('readImportResponse', () => {
  it('reads a successful answer', () => {
    const body = JSON.stringify({ result: { data: superjson.serialize(result) } });
    expect(readImportResponse(200, body)).toEqual({ ok: true, result });
  });

  it('refuses a 200 whose data is not an import result', () => {
    const body = JSON.stringify({ result: { data: superjson.serialize({ documentId: 'd1' }) } });
    const response = readImportResponse(200, body);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.message).toMatch(/not understood/);
  });

  it('passes the server’s BAD_REQUEST message on, as a client error', () => {
    const message =
      'This file is not a Margin account export (format “margin-account”, version 1).';
    const response = readImportResponse(400, errorBody(message, 'BAD_REQUEST', 400));
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(getErrorMessage(response.error)).toBe(message);
    expect(getErrorCode(response.error)).toBe('BAD_REQUEST');
    expect(isClientError(response.error)).toBe(true);
  });

  it('says a 413 means the file is too large, with the limit when the server gives one', () => {
    const tooLarge = readImportResponse(
      413,
      errorBody(
        'The request is larger than 256 MB, the most this server accepts.',
        'PAYLOAD_TOO_LARGE',
        413,
      ),
    );
    expect(!tooLarge.ok && tooLarge.error.message).toBe(
      'The file is larger than the server accepts (at most 256 MB).',
    );
    // A proxy's own 413 page: no tRPC body at all.
    const fromProxy = readImportResponse(413, '<html>413 Request Entity Too Large</html>');
    expect(!fromProxy.ok && fromProxy.error.message).toBe(
      'The file is larger than the server accepts.',
    );
    expect(!fromProxy.ok && isClientError(fromProxy.error)).toBe(true);
  });

  it('names the HTTP status when the body says nothing', () => {
    const response = readImportResponse(502, 'Bad gateway');
    expect(!response.ok && response.error.message).toBe('The import failed (HTTP 502).');
    expect(!response.ok && isClientError(response.error)).toBe(false);
    const signedOut = readImportResponse(401, '');
    expect(!signedOut.ok && signedOut.error.message).toBe('Your session has ended. Sign in again.');
  });
});
