import { compilePolicy, DEFAULT_POLICY, type CompiledPolicy } from '@sentinel/engine';
import { every, type Clock, type Logger } from '@sentinel/kernel';
import type { PolicyRevision, PolicyStore, PolicyStores, TenantId } from '@sentinel/store';

/** Whose policy: the platform default (`null`) or a tenant's override. */
export type PolicyScope = TenantId | null;

/**
 * The policies of this instance: the platform default and each tenant's override. Every instance
 * polls the shared store, so a change made through any instance is applied everywhere within
 * `refreshMs` — no restart, no broadcast.
 */
export interface PolicyCache {
  /** The tenant's effective policy: its override when it has one, else the platform default. */
  current(tenant: TenantId): CompiledPolicy;
  /** Read the store now; keeps a scope's policy when the store fails or holds an invalid one. */
  refresh(): Promise<void>;
  /** Use a revision this instance just wrote, without waiting for the next poll. */
  adopt(scope: PolicyScope, revision: PolicyRevision): void;
  start(): void;
  stop(): void;
}

export function createPolicyCache(opts: {
  readonly stores: PolicyStores;
  /** The tenants whose overrides are polled (the configured clients). */
  readonly tenants: readonly TenantId[];
  readonly logger: Logger;
  readonly refreshMs: number;
  /** Times the refresh loop. */
  readonly clock: Pick<Clock, 'setTimer'>;
}): PolicyCache {
  const initial = compilePolicy(DEFAULT_POLICY);
  if (!initial.ok) {
    throw new Error(
      `the built-in default policy does not compile: ${JSON.stringify(initial.issues)}`,
    );
  }
  let platform: CompiledPolicy = initial.policy;
  const overrides = new Map<TenantId, CompiledPolicy>();
  const tenants = new Set(opts.tenants);
  let stopTimer: (() => void) | undefined;

  const adopt = (scope: PolicyScope, revision: PolicyRevision): void => {
    const active = scope === null ? platform : overrides.get(scope);
    // The store is the source of truth and versions only grow (a rollback is a new version).
    if (revision.policy.version === active?.document.version) {
      return;
    }
    const compiled = compilePolicy(revision.policy);
    if (!compiled.ok) {
      opts.logger.error('stored policy does not compile; keeping the active one', {
        tenant: scope ?? 'platform',
        version: revision.policy.version,
        issues: compiled.issues,
      });
      return;
    }
    if (scope === null) {
      platform = compiled.policy;
    } else {
      overrides.set(scope, compiled.policy);
    }
    opts.logger.info('policy activated', {
      tenant: scope ?? 'platform',
      policyId: revision.policy.id,
      version: revision.policy.version,
      author: revision.author,
    });
  };

  const refreshScope = async (scope: PolicyScope, store: PolicyStore): Promise<void> => {
    try {
      const revision = await store.getActive();
      if (revision !== null) {
        adopt(scope, revision);
      }
    } catch (error) {
      opts.logger.warn('policy refresh failed; keeping the active policy', {
        tenant: scope ?? 'platform',
        error,
      });
    }
  };

  const refresh = async (): Promise<void> => {
    await Promise.all([
      refreshScope(null, opts.stores.platform),
      ...[...tenants].map((t) => refreshScope(t, opts.stores.forTenant(t))),
    ]);
  };

  return {
    current: (tenant) => overrides.get(tenant) ?? platform,
    refresh,
    adopt,
    start() {
      stopTimer ??= every(opts.clock, opts.refreshMs, () => void refresh());
    },
    stop() {
      stopTimer?.();
      stopTimer = undefined;
    },
  };
}
