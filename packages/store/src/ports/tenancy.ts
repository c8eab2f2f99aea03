/**
 * A tenant: the bank whose API client made the request (the `id` of `tenant:key` in
 * SENTINEL_API_KEYS; bare keys belong to `default`). Every document, read, counter and cache of
 * customer data starts with it (STYLE.md, "Tenant first").
 */
export type TenantId = string;

/** The tenant every bare key (`local-dev-key`) belongs to. */
export const DEFAULT_TENANT: TenantId = 'default';

/**
 * Ports bound to one tenant. An adapter serving several tenants implements this; a consumer asks
 * for the tenant's view and never sees another tenant's data through it, whatever ids it passes.
 */
export interface ForTenant<P> {
  forTenant(tenant: TenantId): P;
}

// Firestore document ids: no '/', not '.' or '..', not __.*__; our tenant ids are stricter.
const TENANT_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Throws for an id that could escape its `tenants/{tenant}` subtree: a bug, never input. */
export function checkTenantId(tenant: TenantId): TenantId {
  if (!TENANT_ID.test(tenant) || tenant === '.' || tenant === '..') {
    throw new Error('invalid tenant id');
  }
  return tenant;
}
