/**
 * Stored file bytes over plain HTTP (a browser can link, download and embed these, which a tRPC
 * call cannot):
 *
 * - `GET /files/documents/:id` — the owner's document (session cookie or bearer token, like
 *   /trpc). Anyone else, and a missing id, get the same 404; no credentials get 401.
 * - `GET /files/audio/:id` — the owner's read-aloud clip (same rules; `audio/mpeg`, inline).
 * - `GET /files/shared/:token/documents/:id` — a ready document of a conversation shared by
 *   `token`, for the public read-only page; 404 once the link is revoked.
 * - `GET /files/account-export` — everything the signed-in account has, as one JSON download
 *   (`margin-account` v1, streamed; see packages/api/src/services/account/export.ts).
 *
 * Always `attachment` unless `?inline=1` and the type is safe to render in the browser (PDF,
 * raster images, audio/video, plain text). HTML, SVG and anything else that could run script is
 * never rendered inline: HTML and other text asked for inline is sent as text/plain.
 * Single byte ranges are supported (audio seeking, pdf.js range requests).
 */
import {
  audioFilePath,
  authenticateRequest,
  documentFilePath,
  findOwnedAudioFile,
  findOwnedDocumentFile,
  findSharedDocumentFile,
  streamAccountExport,
  type AppServices,
} from '@margin/api';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from './request-info.js';
import { readSessionToken } from './session-cookie.js';

export interface FilesDeps {
  services: AppServices;
  sessionSecret: string;
}

interface StoredFile {
  storageKey: string;
  filename: string;
  mimeType: string;
}

/** Which storage folder a file's key lives in. */
type FileArea = 'documents' | 'audio';

const ID = '[A-Za-z0-9_-]{1,128}';
const OWN_DOCUMENT = new RegExp(`^/files/documents/(${ID})$`);
const OWN_AUDIO = new RegExp(`^/files/audio/(${ID})$`);
const SHARED_DOCUMENT = new RegExp(`^/files/shared/(${ID})/documents/(${ID})$`);
const ACCOUNT_EXPORT = '/files/account-export';

/** Types a browser renders without running anything from the file. */
const INLINE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'text/plain',
]);

/** Text types shown as plain text when asked for inline (never rendered as markup). */
const TEXT_AS_PLAIN = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/markdown',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
]);

/** Locked down: a file response is data, never a page that loads or runs anything. */
const FILE_CSP = [
  "default-src 'none'",
  "img-src 'self' data:",
  "media-src 'self'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'self'",
].join('; ');

function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** RFC 5987 `ext-value` encoding for `filename*`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'document';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** The Content-Type and disposition to send for a stored type and a request for inline display. */
export function presentation(
  mimeType: string,
  wantInline: boolean,
): { contentType: string; disposition: 'inline' | 'attachment' } {
  const base = baseType(mimeType);
  const withCharset = (type: string) => `${type}; charset=utf-8`;
  if (!wantInline)
    return { contentType: mimeType || 'application/octet-stream', disposition: 'attachment' };
  if (base === 'text/plain')
    return { contentType: withCharset('text/plain'), disposition: 'inline' };
  if (INLINE_TYPES.has(base) || base.startsWith('audio/') || base.startsWith('video/'))
    return { contentType: base, disposition: 'inline' };
  if (TEXT_AS_PLAIN.has(base))
    return { contentType: withCharset('text/plain'), disposition: 'inline' };
  return { contentType: mimeType || 'application/octet-stream', disposition: 'attachment' };
}

/** One `bytes=a-b` range within `size`; undefined = whole file; 'invalid' = 416. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined | 'invalid' {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, a = '', b = ''] = match;
  if (a === '' && b === '') return 'invalid';
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

function sendStatus(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  services: AppServices,
  file: StoredFile,
  wantInline: boolean,
  area: FileArea = 'documents',
): Promise<void> {
  const { filesDir } = services.config.documents;
  const path =
    area === 'audio'
      ? audioFilePath(filesDir, file.storageKey)
      : documentFilePath(filesDir, file.storageKey);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    sendStatus(res, 404, 'Not found');
    return;
  }
  const { contentType, disposition } = presentation(file.mimeType, wantInline);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', contentDisposition(disposition, file.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', FILE_CSP);
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Accept-Ranges', 'bytes');

  const range = parseRange(req.headers.range, size);
  if (range === 'invalid') {
    res.setHeader('Content-Range', `bytes */${size}`);
    sendStatus(res, 416, 'Range not satisfiable');
    return;
  }
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader('Content-Length', range.end - range.start + 1);
  } else {
    res.statusCode = 200;
    res.setHeader('Content-Length', size);
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(path, range);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/** Streams the account export, waiting for the socket to drain between pieces. */
async function sendAccountExport(
  req: IncomingMessage,
  res: ServerResponse,
  services: AppServices,
  user: { id: string; name: string; email: string },
): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    contentDisposition('attachment', `margin-account-${day}.json`),
  );
  res.setHeader('Content-Security-Policy', FILE_CSP);
  res.setHeader('Cache-Control', 'private, no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    for await (const piece of streamAccountExport({ services, user })) {
      // The client went away: stop reading the account.
      if (res.destroyed) return;
      if (!res.write(piece))
        await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } catch (err) {
    // Headers are gone: cut the connection so the download shows as failed, not as a short file.
    services.logger.error({ err, userId: user.id }, 'account export failed');
    res.destroy();
  }
}

/**
 * Handles `/files/…` requests; resolves to false for any other path so the caller can go on.
 */
export function createFilesHandler({ services, sessionSecret }: FilesDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/files/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendStatus(res, 405, 'Method not allowed');
      return true;
    }
    const wantInline = url.searchParams.get('inline') === '1';

    const shared = SHARED_DOCUMENT.exec(url.pathname);
    if (shared) {
      const [, token = '', id = ''] = shared;
      const row = findSharedDocumentFile({ db: services.db, token, id });
      if (!row) sendStatus(res, 404, 'Not found');
      else await sendFile(req, res, services, row, wantInline);
      return true;
    }

    const own = OWN_DOCUMENT.exec(url.pathname);
    const audio = OWN_AUDIO.exec(url.pathname);
    const accountExport = url.pathname === ACCOUNT_EXPORT;
    if (!own && !audio && !accountExport) {
      sendStatus(res, 404, 'Not found');
      return true;
    }
    const bearer = bearerToken(req);
    const auth = authenticateRequest({
      db: services.db,
      config: services.config.auth,
      bearerToken: bearer,
      sessionToken: bearer === undefined ? await readSessionToken(req, sessionSecret) : undefined,
    });
    if (!auth.user) {
      sendStatus(res, 401, 'Sign in to download this file.');
      return true;
    }
    if (accountExport) {
      await sendAccountExport(req, res, services, auth.user);
      return true;
    }
    if (audio) {
      const clip = findOwnedAudioFile({
        db: services.db,
        userId: auth.user.id,
        id: audio[1] ?? '',
      });
      // Always inline: an <audio> element plays it; nothing in an MP3 can run.
      if (!clip) sendStatus(res, 404, 'Not found');
      else await sendFile(req, res, services, clip, true, 'audio');
      return true;
    }
    const row = findOwnedDocumentFile({
      db: services.db,
      userId: auth.user.id,
      id: own?.[1] ?? '',
    });
    if (!row) sendStatus(res, 404, 'Not found');
    else await sendFile(req, res, services, row, wantInline);
    return true;
  };
}
