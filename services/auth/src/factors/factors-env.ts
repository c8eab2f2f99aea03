import type { TenantId } from '@sentinel/store';

/**
 * What the user routes need on the Hono context: the tenant the API-key middleware resolved. The
 * same shape as auth-core's `AuthEnv` (services/auth/src/http/env.ts), declared here until the two
 * are merged, so the router mounts under either.
 */
export interface FactorsEnv {
  Variables: { tenant: TenantId };
}
