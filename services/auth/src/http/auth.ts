import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { clientSecretTenant, verifyClientSecret } from '@sentinel/contracts';
import type { TenantId } from '@sentinel/store';
import type { AuthEnv } from './env.ts';
import { AuthError } from './problem.ts';

/** A tenant's API key (SENTINEL_API_KEYS `tenant:key`). */
export interface TenantKey {
  readonly tenant: TenantId;
  readonly key: string;
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');

function bearer(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new AuthError('AUTH.MISSING_CREDENTIALS', 'Send Authorization: Bearer <credential>', {
      headers: { 'WWW-Authenticate': 'Bearer realm="sentinel-auth"' },
    });
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) {
    throw invalid();
  }
  return token;
}

const invalid = () =>
  new AuthError('AUTH.INVALID_CREDENTIALS', 'The credential is not valid', {
    headers: { 'WWW-Authenticate': 'Bearer realm="sentinel-auth", error="invalid_token"' },
  });

/** Looks API keys up by SHA-256 digest: the time taken does not depend on a guess's prefix. */
function keyTenants(keys: readonly TenantKey[]): (token: string) => TenantId | undefined {
  const byDigest = new Map(keys.map((k) => [digest(k.key), k.tenant] as const));
  return (token) => byDigest.get(digest(token));
}

/** The bank's backend only: a tenant API key (user routes: enrolment is the bank's call). */
export function apiKeyAuth(keys: readonly TenantKey[]): MiddlewareHandler<AuthEnv> {
  const tenantOf = keyTenants(keys);
  return async (c, next) => {
    const tenant = tenantOf(bearer(c.req.header('authorization')));
    if (tenant === undefined) {
      throw invalid();
    }
    c.set('tenant', tenant);
    await next();
  };
}

/**
 * Challenge routes: the tenant's API key, or the challenge's own client secret (recomputed and
 * compared in constant time). A secret of another challenge or tenant answers exactly like an
 * unknown challenge (404), so secrets and ids are no oracle.
 */
export function challengeAuth(
  keys: readonly TenantKey[],
  stepUpSecret: Buffer,
): MiddlewareHandler<AuthEnv> {
  const tenantOf = keyTenants(keys);
  return async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    const keyTenant = tenantOf(token);
    if (keyTenant !== undefined) {
      c.set('tenant', keyTenant);
      await next();
      return;
    }
    const claimed = clientSecretTenant(token);
    if (claimed === null) {
      throw invalid();
    }
    const id = c.req.param('id') ?? '';
    if (!verifyClientSecret(stepUpSecret, token, claimed, id)) {
      throw new AuthError('AUTH.CHALLENGE_NOT_FOUND', 'No such challenge');
    }
    c.set('tenant', claimed);
    await next();
  };
}
