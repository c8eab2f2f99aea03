import type { MiddlewareHandler } from 'hono';
import { createKeyedTokenBuckets, type MonotonicClock } from '@sentinel/kernel';
import type { RateLimits } from '../config.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Per-tenant token buckets on the authenticated routes: `POST /v1/assess-payment` spends the
 * assessment budget, every other write (users, behaviour, policy, unfreeze, failed logins) the
 * write budget; reads are not limited. Over budget: 429 `REQUEST.RATE_LIMITED` with Retry-After
 * in whole seconds, rounded up. Runs after authentication (the tenant is the API client) and
 * before the body is read, so a refused request costs no parsing.
 */
export function rateLimit(limits: RateLimits, clock: MonotonicClock): MiddlewareHandler<AppEnv> {
  const assess = createKeyedTokenBuckets({ ...limits.assess, clock });
  const writes = createKeyedTokenBuckets({ ...limits.writes, clock });
  return async (c, next) => {
    const method = c.req.method;
    if (!WRITE_METHODS.has(method)) {
      await next();
      return;
    }
    const isAssess = method === 'POST' && c.req.path === '/v1/assess-payment';
    const client = c.get('client');
    // A tenant's keys share its budget; a platform operator has its own, whatever its id.
    const bucket = client.role === 'platform' ? `platform\n${client.clientId}` : client.tenant;
    const admission = (isAssess ? assess : writes).tryTake(bucket);
    if (!admission.ok) {
      const seconds = Math.ceil(admission.retryAfterMs / 1000);
      const budget = isAssess ? 'assess' : 'writes';
      throw new ApiError(
        'REQUEST.RATE_LIMITED',
        `This API client is over its ${budget} rate limit; retry after ${seconds} s`,
        { headers: { 'Retry-After': String(seconds) }, extensions: { budget } },
      );
    }
    await next();
  };
}
