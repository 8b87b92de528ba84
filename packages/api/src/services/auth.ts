import { TRPCError } from '@trpc/server';
import {
  apiTokenQueries,
  sessionQueries,
  userQueries,
  type Db,
  type Executor,
  type UserRow,
} from '@margin/db';
import { API_TOKEN_PREFIX, type User } from '@margin/shared';
import type { AuthConfig, ScryptParams } from '../config.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { randomSecret, sha256Hex } from './secrets.js';

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt };
}

/** Who is making a request, and how they proved it. */
export type RequestAuth =
  | { method: 'cookie'; user: User; sessionId: string }
  | { method: 'token'; user: User; tokenId: string }
  | { method: null; user: null };

export const anonymous: RequestAuth = { method: null, user: null };

/** Sessions are touched at most this often, so every request does not write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Resolves a request's credentials. A bearer token, when present, is the only credential looked
 * at (a cookie is ignored), so scripts never ride on a browser session by accident.
 */
export function authenticateRequest({
  db,
  config,
  bearerToken,
  sessionToken,
  now = new Date(),
}: {
  db: Db;
  config: AuthConfig;
  bearerToken: string | undefined;
  sessionToken: string | undefined;
  now?: Date;
}): RequestAuth {
  if (bearerToken !== undefined) {
    const found = apiTokenQueries.findLiveApiTokenByHash({
      db,
      tokenHash: sha256Hex(bearerToken),
      now,
    });
    if (!found || found.user.disabled) return anonymous;
    if (
      !found.token.lastUsedAt ||
      now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS
    ) {
      apiTokenQueries.touchApiToken({ db, id: found.token.id, lastUsedAt: now });
    }
    return { method: 'token', user: toUser(found.user), tokenId: found.token.id };
  }
  if (sessionToken !== undefined) {
    const found = sessionQueries.findLiveSessionByTokenHash({
      db,
      tokenHash: sha256Hex(sessionToken),
      now,
    });
    if (!found || found.user.disabled) return anonymous;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      const ttl = found.session.remember ? config.rememberTtlMs : config.sessionTtlMs;
      sessionQueries.touchSession({
        db,
        id: found.session.id,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ttl),
      });
    }
    return { method: 'cookie', user: toUser(found.user), sessionId: found.session.id };
  }
  return anonymous;
}

export interface NewSession {
  token: string;
  sessionId: string;
  /** Cookie lifetime: undefined = a browser-session cookie (gone when the browser closes). */
  cookieMaxAgeMs: number | undefined;
}

export function startSession({
  db,
  config,
  userId,
  remember,
  userAgent,
  ip,
  now = new Date(),
}: {
  db: Executor;
  config: AuthConfig;
  userId: string;
  remember: boolean;
  userAgent: string | undefined;
  ip: string | undefined;
  now?: Date;
}): NewSession {
  const token = randomSecret(32);
  const ttl = remember ? config.rememberTtlMs : config.sessionTtlMs;
  const session = sessionQueries.insertSession({
    db,
    session: {
      tokenHash: sha256Hex(token),
      userId,
      remember,
      userAgent: userAgent?.slice(0, 300),
      ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ttl),
    },
  });
  return { token, sessionId: session.id, cookieMaxAgeMs: remember ? ttl : undefined };
}

/** Checks credentials; the same error (and the same time spent) for unknown email and wrong password. */
export async function verifyCredentials({
  db,
  email,
  password,
  scrypt,
}: {
  db: Db;
  email: string;
  password: string;
  scrypt: ScryptParams;
}): Promise<UserRow> {
  const user = userQueries.findUserByEmail({ db, email });
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password, scrypt);
  if (!user || !ok) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Incorrect email or password.' });
  }
  if (user.disabled) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This account is disabled. Ask an administrator to enable it.',
    });
  }
  return user;
}

/** Creates a user; CONFLICT when the email is taken. Hashing happens before any write. */
export async function createUser({
  db,
  email,
  password,
  name,
  role,
  scrypt,
}: {
  db: Db;
  email: string;
  password: string;
  name?: string | undefined;
  role: 'admin' | 'user';
  scrypt: ScryptParams;
}): Promise<UserRow> {
  const passwordHash = await hashPassword(password, scrypt);
  return db.transaction(
    (tx) => {
      if (userQueries.findUserByEmail({ db: tx, email })) {
        throw new TRPCError({
          code: 'CONFLICT',
          message: `A user with email ${email} already exists.`,
        });
      }
      return userQueries.insertUser({
        db: tx,
        user: { email, name: name ?? email.split('@')[0] ?? email, role, passwordHash },
      });
    },
    { behavior: 'immediate' },
  );
}

/** First-run setup: creates the first admin, only while there is no user at all. */
export async function setupFirstAdmin({
  db,
  email,
  password,
  name,
  scrypt,
}: {
  db: Db;
  email: string;
  password: string;
  name?: string | undefined;
  scrypt: ScryptParams;
}): Promise<UserRow> {
  const refused = () =>
    new TRPCError({ code: 'CONFLICT', message: 'Margin is already set up. Sign in instead.' });
  if (userQueries.countUsers({ db }) > 0) throw refused();
  const passwordHash = await hashPassword(password, scrypt);
  // Checked again inside the write transaction: two racing setups cannot both win.
  return db.transaction(
    (tx) => {
      if (userQueries.countUsers({ db: tx }) > 0) throw refused();
      return userQueries.insertUser({
        db: tx,
        user: { email, name: name ?? email.split('@')[0] ?? email, role: 'admin', passwordHash },
      });
    },
    { behavior: 'immediate' },
  );
}

export interface NewApiToken {
  id: string;
  token: string;
}

export function createApiToken({
  db,
  userId,
  name,
  expiresInDays,
  now = new Date(),
}: {
  db: Executor;
  userId: string;
  name: string;
  expiresInDays: number | undefined;
  now?: Date;
}): NewApiToken {
  const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  const row = apiTokenQueries.insertApiToken({
    db,
    token: {
      userId,
      name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdAt: now,
      expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
    },
  });
  return { id: row.id, token };
}

/**
 * Replaces a user's password and revokes their sessions (all, or all but `keepSessionId`) in one
 * transaction. API tokens are separate credentials and stay valid.
 */
export async function setUserPassword({
  db,
  userId,
  password,
  scrypt,
  keepSessionId,
}: {
  db: Db;
  userId: string;
  password: string;
  scrypt: ScryptParams;
  keepSessionId?: string | undefined;
}): Promise<void> {
  const passwordHash = await hashPassword(password, scrypt);
  db.transaction((tx) => {
    userQueries.updateUser({ db: tx, id: userId, changes: { passwordHash } });
    sessionQueries.deleteUserSessions({ db: tx, userId, exceptSessionId: keepSessionId });
  });
}
