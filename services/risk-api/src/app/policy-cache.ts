import { compilePolicy, DEFAULT_POLICY, type CompiledPolicy } from '@sentinel/engine';
import { every, type Clock, type Logger } from '@sentinel/kernel';
import type { PolicyRevision, PolicyStore } from '@sentinel/store';

/**
 * The active policy of this instance. Every instance polls the shared store, so a change made
 * through any instance is applied everywhere within `refreshMs` — no restart, no broadcast.
 */
export interface PolicyCache {
  current(): CompiledPolicy;
  /** Read the store now; keeps the current policy when the store fails or holds an invalid one. */
  refresh(): Promise<void>;
  /** Use a revision this instance just wrote, without waiting for the next poll. */
  adopt(revision: PolicyRevision): void;
  start(): void;
  stop(): void;
}

export function createPolicyCache(opts: {
  readonly store: PolicyStore;
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
  let active: CompiledPolicy = initial.policy;
  let stopTimer: (() => void) | undefined;

  const adopt = (revision: PolicyRevision): void => {
    // The store is the source of truth and versions only grow (a rollback is a new version).
    if (revision.policy.version === active.document.version) {
      return;
    }
    const compiled = compilePolicy(revision.policy);
    if (!compiled.ok) {
      opts.logger.error('stored policy does not compile; keeping the active one', {
        version: revision.policy.version,
        issues: compiled.issues,
      });
      return;
    }
    active = compiled.policy;
    opts.logger.info('policy activated', {
      policyId: revision.policy.id,
      version: revision.policy.version,
      author: revision.author,
    });
  };

  const refresh = async (): Promise<void> => {
    try {
      const revision = await opts.store.getActive();
      if (revision !== null) {
        adopt(revision);
      }
    } catch (error) {
      opts.logger.warn('policy refresh failed; keeping the active policy', { error });
    }
  };

  return {
    current: () => active,
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
