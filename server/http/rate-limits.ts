import type { MiddlewareHandler } from 'hono';
import { API_BASE } from '../../protocol/version';
import type { SignerConfig } from '../config';
import { clientAddress } from '../limits/client-address';
import { RateLimiter } from '../limits/rate-limiter';
import { Refusal } from '../refusal';

/** Too many requests: when to try again, in seconds and in words. */
export function rateLimited(retryAfterSeconds: number, what: string): Refusal {
  return new Refusal(
    'rate-limited',
    `Too many requests ${what}; try again in ${retryAfterSeconds} s.`,
    { retryAfter: retryAfterSeconds },
    retryAfterSeconds,
  );
}

/** The per-address and per-link limiters of one signer instance (RATE_LIMIT_*). */
export function createRateLimiters(config: SignerConfig, now: () => number) {
  const { perIp, perLink, burstSeconds } = config.rateLimits;
  return {
    perAddress: new RateLimiter({ ratePerSecond: perIp, burst: perIp * burstSeconds, now }),
    perLink: new RateLimiter({ ratePerSecond: perLink, burst: perLink * burstSeconds, now }),
  };
}

/** Per client address, before any work (the cheapest refusal comes first); admin calls aside. */
export function addressRateLimit(limiter: RateLimiter, config: SignerConfig): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.path.startsWith(`${API_BASE}/admin`)) return next();
    const taken = limiter.take(clientAddress(c, config.trustProxy));
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds, 'from this address');
    return next();
  };
}
