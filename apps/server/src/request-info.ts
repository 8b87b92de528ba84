import type { IncomingMessage } from 'node:http';

export interface RequestSettings {
  publicUrl: string | undefined;
  trustProxy: boolean;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const first = v?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

export function clientIp(req: IncomingMessage, settings: RequestSettings): string {
  const forwarded = settings.trustProxy ? firstHeader(req.headers['x-forwarded-for']) : undefined;
  return forwarded ?? req.socket.remoteAddress ?? 'unknown';
}

export function isHttps(req: IncomingMessage, settings: RequestSettings): boolean {
  if (settings.publicUrl) return settings.publicUrl.startsWith('https://');
  if (settings.trustProxy) return firstHeader(req.headers['x-forwarded-proto']) === 'https';
  return false;
}

/** The server's own origin: PUBLIC_URL when set, else scheme + Host of this request. */
export function ownOrigin(req: IncomingMessage, settings: RequestSettings): string | undefined {
  if (settings.publicUrl) return new URL(settings.publicUrl).origin;
  const host = settings.trustProxy
    ? (firstHeader(req.headers['x-forwarded-host']) ?? req.headers.host)
    : req.headers.host;
  if (!host) return undefined;
  return `${isHttps(req, settings) ? 'https' : 'http'}://${host}`;
}

/**
 * CSRF check for browser-credentialed requests. Browsers send Origin on every cross-site and
 * same-site POST; a request with a cookie but no Origin is not a page of ours, so it is refused.
 */
export function isSameOrigin(req: IncomingMessage, settings: RequestSettings): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === ownOrigin(req, settings);
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  return req.headers.cookie === undefined;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // A malformed Authorization header still counts as "token auth attempted": it must not fall
  // back to the cookie. An empty string never matches a stored hash.
  return match?.[1] ?? '';
}
