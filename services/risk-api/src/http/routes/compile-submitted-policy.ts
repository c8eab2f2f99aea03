import { compilePolicy, type CompiledPolicy } from '@sentinel/engine';
import { ApiError } from '../problem.ts';

/** A tenant override's id starts with `<tenant>.`: decisions name their policy unambiguously. */
function overrideId(tenant: string, id: string): string {
  return id.startsWith(`${tenant}.`) ? id : `${tenant}.${id}`;
}

/**
 * A policy document as an admin submitted it (`PUT /v1/policy`, a backtest's candidate),
 * compiled as the tenant's override (`tenant` null: the platform default) at version 0 — the
 * store assigns versions. Every problem names its path (POLICY.INVALID, 422).
 */
export function compileSubmittedPolicy(
  policy: Readonly<Record<string, unknown>>,
  tenant: string | null,
): CompiledPolicy {
  const id = typeof policy['id'] === 'string' ? policy['id'] : '';
  const compiled = compilePolicy({
    ...policy,
    ...(tenant === null || id === '' ? {} : { id: overrideId(tenant, id) }),
    version: 0,
  });
  if (!compiled.ok) {
    throw new ApiError('POLICY.INVALID', `${compiled.issues.length} problem(s) in the policy`, {
      issues: compiled.issues,
    });
  }
  return compiled.policy;
}
