import type { PolicyDocument } from '@sentinel/engine';
import type {
  PolicyChange,
  PolicyRevision,
  PolicyStore,
  PutPolicyResult,
  PolicyStores,
} from '../ports/policy-store.ts';
import { checkTenantId, type TenantId } from '../ports/tenancy.ts';

/** `PolicyStore` in process memory: versioned, with `expectedVersion` conflicts like Firestore. */
export class MemoryPolicyStore implements PolicyStore {
  /** Newest last; the active policy is the last revision. */
  readonly #revisions: PolicyRevision[] = [];

  getActive(): Promise<PolicyRevision | null> {
    const active = this.#revisions.at(-1);
    return Promise.resolve(active === undefined ? null : structuredClone(active));
  }

  put(policy: Omit<PolicyDocument, 'version'>, meta: PolicyChange): Promise<PutPolicyResult> {
    const currentVersion = this.#revisions.at(-1)?.policy.version ?? 0;
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== currentVersion) {
      return Promise.resolve({ ok: false, reason: 'VERSION_CONFLICT', currentVersion });
    }
    const revision: PolicyRevision = {
      policy: { ...structuredClone(policy), version: currentVersion + 1 },
      author: meta.author,
      updatedAt: new Date(meta.at),
      ...(meta.comment === undefined ? {} : { comment: meta.comment }),
    };
    this.#revisions.push(revision);
    return Promise.resolve({ ok: true, revision: structuredClone(revision) });
  }

  history(limit: number): Promise<readonly PolicyRevision[]> {
    const newestFirst = this.#revisions.slice().reverse().slice(0, Math.max(0, limit));
    return Promise.resolve(structuredClone(newestFirst));
  }
}

/** `PolicyStores` in process memory: one `MemoryPolicyStore` for the platform and per tenant. */
export class MemoryPolicyStores implements PolicyStores {
  readonly platform = new MemoryPolicyStore();
  readonly #tenants = new Map<TenantId, MemoryPolicyStore>();

  forTenant(tenant: TenantId): MemoryPolicyStore {
    let store = this.#tenants.get(checkTenantId(tenant));
    if (store === undefined) {
      store = new MemoryPolicyStore();
      this.#tenants.set(tenant, store);
    }
    return store;
  }
}
