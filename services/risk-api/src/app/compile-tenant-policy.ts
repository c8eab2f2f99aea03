import { compilePolicy, type CompilePolicyResult } from '@sentinel/engine';

/** A tenant override's id starts with `<tenant>.`: decisions name their policy unambiguously. */
function overrideId(tenant: string, id: string): string {
  return id.startsWith(`${tenant}.`) ? id : `${tenant}.${id}`;
}

/**
 * A policy document an admin submitted (`PUT /v1/policy`, a backtest's candidate, `npm run
 * backtest`), compiled as the tenant's override (`tenant` null: the platform default) at
 * version 0 — the store assigns versions. Problems come back named by path.
 */
export function compileTenantPolicy(
  policy: Readonly<Record<string, unknown>>,
  tenant: string | null,
): CompilePolicyResult {
  const id = typeof policy['id'] === 'string' ? policy['id'] : '';
  return compilePolicy({
    ...policy,
    ...(tenant === null || id === '' ? {} : { id: overrideId(tenant, id) }),
    version: 0,
  });
}
