/**
 * The session cookie: an iron-session seal of the random session token. The seal keeps the token
 * unreadable and tamper-proof in the browser; the session record in SQLite is what makes it valid,
 * so deleting the record (logout) ends the session even if the cookie is replayed.
 */
import { sealData, unsealData } from 'iron-session';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'margin_session';
/** Upper bound on any seal's life; the session record's own expiry is usually shorter. */
const SEAL_TTL_SECONDS = 31 * 24 * 60 * 60;

interface SealedSession {
  t?: string;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!cookies.has(name)) {
      try {
        cookies.set(name, decodeURIComponent(value));
      } catch {
        // A malformed cookie is ignored rather than failing the request.
      }
    }
  }
  return cookies;
}

export async function readSessionToken(
  req: IncomingMessage,
  secret: string,
): Promise<string | undefined> {
  const sealed = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (!sealed) return undefined;
  try {
    const data = await unsealData<SealedSession>(sealed, {
      password: secret,
      ttl: SEAL_TTL_SECONDS,
    });
    return typeof data.t === 'string' ? data.t : undefined;
  } catch {
    return undefined;
  }
}

function serialize(
  value: string,
  opts: { secure: boolean; maxAgeSeconds: number | undefined },
): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (opts.secure) parts.push('Secure');
  if (opts.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${opts.maxAgeSeconds}`);
    parts.push(`Expires=${new Date(Date.now() + opts.maxAgeSeconds * 1000).toUTCString()}`);
  }
  return parts.join('; ');
}

export async function writeSessionCookie(
  res: ServerResponse,
  {
    secret,
    token,
    maxAgeMs,
    secure,
  }: { secret: string; token: string; maxAgeMs: number | undefined; secure: boolean },
): Promise<void> {
  const sealed = await sealData({ t: token } satisfies SealedSession, {
    password: secret,
    ttl: SEAL_TTL_SECONDS,
  });
  res.appendHeader(
    'Set-Cookie',
    serialize(sealed, {
      secure,
      maxAgeSeconds: maxAgeMs === undefined ? undefined : Math.floor(maxAgeMs / 1000),
    }),
  );
}

export function clearSessionCookie(res: ServerResponse, secure: boolean): void {
  res.appendHeader('Set-Cookie', serialize('', { secure, maxAgeSeconds: 0 }));
}
