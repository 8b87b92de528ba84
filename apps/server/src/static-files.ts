/** Serves the built web app: hashed assets cached for a year, everything else via index.html. */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

async function fileStat(path: string): Promise<Stats | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  stats: Stats,
  cache: string,
): void {
  res.statusCode = 200;
  res.setHeader(
    'Content-Type',
    CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
  );
  res.setHeader('Content-Length', stats.size);
  res.setHeader('Cache-Control', cache);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function createStaticHandler(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.statusCode = 400;
      res.end('Bad request');
      return;
    }
    const candidate = normalize(join(root, decoded));
    // Never serve anything outside the web build, whatever the path says.
    if (decoded.includes('\0') || (candidate !== root && !candidate.startsWith(rootWithSep))) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    const found = decoded !== '/' ? await fileStat(candidate) : undefined;
    if (found) {
      const immutable = decoded.startsWith('/assets/');
      send(
        req,
        res,
        candidate,
        found,
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return;
    }
    // A missing file with an extension is a real 404; anything else is a client-side route.
    if (extname(decoded) !== '') {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found');
      return;
    }
    const index = join(root, 'index.html');
    const indexStats = await fileStat(index);
    if (!indexStats) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(
        'The web app has not been built. Run `pnpm build` (or `pnpm start`, which builds it).',
      );
      return;
    }
    send(req, res, index, indexStats, 'no-cache');
  };
}
