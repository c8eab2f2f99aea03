import type { MiddlewareHandler } from 'hono';
import type { Clock } from '@sentinel/kernel';
import { CamaraError } from './camara-error.ts';
import type { SimEnv } from './sim-env.ts';

/** At most `limit` requests per token in each fixed window of `windowMs`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * A fixed-window counter per bearer token: simple, and enough to exercise a client's 429 handling.
 * Over the limit: 429 TOO_MANY_REQUESTS with `Retry-After` (seconds to the next window).
 */
export function rateLimit(limit: RateLimit, clock: Clock): MiddlewareHandler<SimEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = clock.now().getTime();
    const start = now - (now % limit.windowMs);
    const key = c.get('tokenDigest');
    let window = windows.get(key);
    if (window === undefined || window.start !== start) {
      if (windows.size > 10_000) {
        windows.clear();
      }
      window = { start, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit.limit) {
      const retryAfter = Math.max(1, Math.ceil((start + limit.windowMs - now) / 1000));
      throw new CamaraError('TOO_MANY_REQUESTS', undefined, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    await next();
  };
}
