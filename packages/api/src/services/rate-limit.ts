import { TRPCError } from '@trpc/server';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthConfig } from '../config.js';

/** In-process limiters (one server process; move to a shared store with the job registry). */
export interface RateLimiters {
  requests: RateLimiterMemory;
  loginPerIp: RateLimiterMemory;
  loginFailuresPerEmail: RateLimiterMemory;
}

export function createRateLimiters(config: AuthConfig): RateLimiters {
  return {
    requests: new RateLimiterMemory({
      keyPrefix: 'req',
      points: config.requestsPerMinute,
      duration: 60,
    }),
    loginPerIp: new RateLimiterMemory({
      keyPrefix: 'login-ip',
      points: config.loginAttemptsPerIpPerMinute,
      duration: 60,
    }),
    loginFailuresPerEmail: new RateLimiterMemory({
      keyPrefix: 'login-email',
      points: config.loginFailuresPerEmailPerMinute,
      duration: 60,
      // Sustained failures lock the email for a while longer than the window itself.
      blockDuration: 5 * 60,
    }),
  };
}

function tooMany(msBeforeNext: number, what: string): TRPCError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  });
}

/** Spends one point for `key`, or throws TOO_MANY_REQUESTS with the wait time. */
export async function consumeOrThrow(
  limiter: RateLimiterMemory,
  key: string,
  what = 'requests',
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(err.msBeforeNext, what);
    throw err;
  }
}

/** Throws when `key` has no points left, without spending one. */
export async function assertNotBlocked(
  limiter: RateLimiterMemory,
  key: string,
  what: string,
): Promise<void> {
  const res = await limiter.get(key);
  if (res && res.remainingPoints <= 0) throw tooMany(res.msBeforeNext, what);
}
