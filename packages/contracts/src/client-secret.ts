import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'cs1';

/**
 * The step-up secret risk-api and the auth service fall back to when SENTINEL_STEP_UP_SECRET is
 * unset: the local stack only (both refuse it on Cloud Run), the same in both so they agree.
 */
export const LOCAL_STEP_UP_SECRET = 'local-insecure-step-up-secret';

/**
 * The client secret of a step-up challenge: `cs1.<tenant>.<base64url HMAC-SHA256(key, tenant \n
 * challengeId)>`. Derived, never stored: risk-api puts it in the answer's `challengeUrl` fragment
 * (an idempotent replay gets the same one) and the auth service recomputes it to check a bearer.
 * It names its tenant so the auth service knows where to look before it can check the MAC.
 */
export function clientSecret(key: Buffer, tenant: string, challengeId: string): string {
  return `${PREFIX}.${tenant}.${mac(key, tenant, challengeId)}`;
}

/** The tenant a secret claims, or null when it is not shaped like a client secret at all. */
export function clientSecretTenant(secret: string): string | null {
  const parts = secret.split('.');
  // Tenant ids may contain dots: the prefix is first and the MAC last.
  if (parts.length < 3 || parts[0] !== PREFIX) {
    return null;
  }
  const tenant = parts.slice(1, -1).join('.');
  return tenant === '' ? null : tenant;
}

/** True when `secret` is the client secret of this tenant's challenge (constant-time compare). */
export function verifyClientSecret(
  key: Buffer,
  secret: string,
  tenant: string,
  challengeId: string,
): boolean {
  const expected = Buffer.from(clientSecret(key, tenant, challengeId), 'utf8');
  const given = Buffer.from(secret, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(key: Buffer, tenant: string, challengeId: string): string {
  return createHmac('sha256', key).update(`${tenant}\n${challengeId}`, 'utf8').digest('base64url');
}
