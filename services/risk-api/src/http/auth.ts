import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { TenantId } from '@sentinel/store';
import type { ApiClient } from '../config.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './router.ts';

// One-shot crypto.hash: a Hash object per request was 1 % of the in-memory risk-api's CPU.
const digest = (key: string) => hash('sha256', key);

/**
 * `Authorization: Bearer <key>` against the configured clients. Keys are compared by SHA-256
 * digest, so lookup time does not depend on how much of a guessed key matches.
 */
export function apiKeyAuth(clients: readonly ApiClient[]): MiddlewareHandler<AppEnv> {
  const byDigest = new Map(clients.map((c) => [digest(c.key), c] as const));
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      throw new ApiError('AUTH.MISSING_CREDENTIALS', 'Send Authorization: Bearer <api key>', {
        headers: { 'WWW-Authenticate': 'Bearer realm="sentinel"' },
      });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const client = match?.[1] === undefined ? undefined : byDigest.get(digest(match[1]));
    if (client === undefined) {
      throw new ApiError('AUTH.INVALID_CREDENTIALS', 'The API key is not valid', {
        headers: { 'WWW-Authenticate': 'Bearer realm="sentinel", error="invalid_token"' },
      });
    }
    c.set('client', client);
    await next();
  };
}

/** Only admin keys (a tenant's or the platform's) pass: policy administration, unfreezing. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('client').role === 'client') {
    throw new ApiError('AUTH.FORBIDDEN', 'This endpoint needs an admin key');
  }
  await next();
};

/**
 * The caller's tenant: every read and write of customer data is scoped by it. Platform operator
 * keys belong to no tenant and are refused (they administer the platform default policy only).
 */
export function callerTenant(c: Context<AppEnv>): TenantId {
  const client = c.get('client');
  if (client.role === 'platform') {
    throw new ApiError(
      'AUTH.FORBIDDEN',
      'A platform key administers the platform default policy only; use a tenant key',
    );
  }
  return client.tenant;
}
