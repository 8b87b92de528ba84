/** One node:http server: /trpc, /healthz, /files, and the web build with SPA fallback. */
import { appRouter, type AppServices } from '@margin/api';
import { sql } from '@margin/db';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createContextFactory } from './context.js';
import { createFilesHandler } from './files.js';
import type { RequestSettings } from './request-info.js';
import { createStaticHandler } from './static-files.js';

export interface HttpServerDeps {
  services: AppServices;
  logger: Logger;
  sessionSecret: string;
  settings: RequestSettings;
  webDist: string;
}

/** The app satisfies this policy itself: no inline scripts, only same-origin connections. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setSecurityHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), geolocation=(), microphone=(self)');
  if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/**
 * A body announced larger than `limit` gets a 413 in tRPC's error shape before anything reads
 * it. A moderately oversized body is drained first so the client, still sending, reads the
 * answer instead of a connection reset; a huge one is cut off.
 */
function refuseOversizedBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared > limit)) return false;
  const mb = Math.floor(limit / (1024 * 1024));
  const body = JSON.stringify({
    error: {
      json: {
        message: `The request is larger than ${String(mb)} MB, the most this server accepts.`,
        code: -32600,
        data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
      },
    },
  });
  const answer = () => {
    res.statusCode = 413;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Connection', 'close');
    res.end(body);
  };
  if (declared > 4 * limit) {
    answer();
    res.on('finish', () => req.destroy());
  } else {
    req.on('end', answer);
    req.on('error', () => res.destroy());
    req.resume();
  }
  return true;
}

export function createHttpServer(deps: HttpServerDeps): Server {
  const { services, logger, settings } = deps;
  const trpcOptions = {
    router: appRouter,
    basePath: '/trpc/',
    createContext: createContextFactory(deps),
    onError({ error, path, type }: { error: TRPCError; path: string | undefined; type: string }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ err: error.cause ?? error, path, type }, 'procedure failed');
      }
    },
  };
  // JSON calls stay small; multipart uploads (documents.upload) may carry a whole file plus the
  // form's framing, and an account import a whole export. The adapter has one limit per handler,
  // so each size gets its own handler.
  const jsonLimit = 2 * 1024 * 1024;
  const uploadLimit = services.config.documents.maxBytes + 1024 * 1024;
  const importLimit = services.config.accountImportMaxBytes + 1024 * 1024;
  const trpc = createHTTPHandler({ ...trpcOptions, maxBodySize: jsonLimit });
  const trpcUpload = createHTTPHandler({ ...trpcOptions, maxBodySize: uploadLimit });
  const trpcImport = createHTTPHandler({ ...trpcOptions, maxBodySize: importLimit });
  const serveFiles = createFilesHandler({ services, sessionSecret: deps.sessionSecret });
  const serveStatic = createStaticHandler(deps.webDist);
  const https = settings.publicUrl?.startsWith('https://') ?? false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    setSecurityHeaders(res, https);
    res.on('finish', () => {
      const quiet = url.pathname === '/healthz' || !url.pathname.startsWith('/trpc');
      logger[quiet ? 'debug' : 'info'](
        {
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });

    if (url.pathname === '/trpc' || url.pathname.startsWith('/trpc/')) {
      const multipart = /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
      const accountImport = multipart && url.pathname === '/trpc/account.import';
      const limit = accountImport ? importLimit : multipart ? uploadLimit : jsonLimit;
      if (refuseOversizedBody(req, res, limit)) return;
      (accountImport ? trpcImport : multipart ? trpcUpload : trpc)(req, res);
      return;
    }
    if (await serveFiles(req, res, url)) return;
    if (url.pathname === '/healthz') {
      services.db.get(sql`select 1`);
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify({ ok: true, version: services.config.version, db: 'ok' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD');
      res.end('Method not allowed');
      return;
    }
    await serveStatic(req, res, url.pathname);
  };

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'request failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      }
      res.end('Internal server error');
    });
  });
}
