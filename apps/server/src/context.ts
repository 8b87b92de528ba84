import { authenticateRequest, createTRPCContext, type AppServices } from '@margin/api';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';
import {
  bearerToken,
  clientIp,
  isHttps,
  isSameOrigin,
  type RequestSettings,
} from './request-info.js';
import { clearSessionCookie, readSessionToken, writeSessionCookie } from './session-cookie.js';

export interface ContextDeps {
  services: AppServices;
  sessionSecret: string;
  settings: RequestSettings;
}

/** Session cookie or bearer token → the caller's identity, per request. */
export function createContextFactory({ services, sessionSecret, settings }: ContextDeps) {
  return async ({ req, res }: CreateHTTPContextOptions) => {
    const bearer = bearerToken(req);
    const sessionToken =
      bearer === undefined ? await readSessionToken(req, sessionSecret) : undefined;
    const secure = isHttps(req, settings);
    return createTRPCContext({
      services,
      auth: authenticateRequest({
        db: services.db,
        config: services.config.auth,
        bearerToken: bearer,
        sessionToken,
      }),
      cookie: {
        set: (session) =>
          writeSessionCookie(res, {
            secret: sessionSecret,
            token: session.token,
            maxAgeMs: session.cookieMaxAgeMs,
            secure,
          }),
        clear: () => clearSessionCookie(res, secure),
      },
      ip: clientIp(req, settings),
      userAgent: req.headers['user-agent'],
      sameOrigin: isSameOrigin(req, settings),
    });
  };
}
