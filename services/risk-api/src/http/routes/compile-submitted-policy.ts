import type { CompiledPolicy } from '@sentinel/engine';
import { compileTenantPolicy } from '../../app/compile-tenant-policy.ts';
import { ApiError } from '../problem.ts';

/** `compileTenantPolicy`, its problems answered as POLICY.INVALID (422), each named by path. */
export function compileSubmittedPolicy(
  policy: Readonly<Record<string, unknown>>,
  tenant: string | null,
): CompiledPolicy {
  const compiled = compileTenantPolicy(policy, tenant);
  if (!compiled.ok) {
    throw new ApiError('POLICY.INVALID', `${compiled.issues.length} problem(s) in the policy`, {
      issues: compiled.issues,
    });
  }
  return compiled.policy;
}
