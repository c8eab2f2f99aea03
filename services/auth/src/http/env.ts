import type { TenantId } from '@sentinel/store';

/**
 * Per-request values set by the auth middleware: the tenant the caller acts for (from its API key,
 * or from the challenge's client secret). Every route reads it with `c.get('tenant')`.
 */
export interface AuthEnv {
  Variables: {
    tenant: TenantId;
  };
}
