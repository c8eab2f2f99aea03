import type { PolicyDocument } from '@sentinel/engine';
import type { ForTenant } from './tenancy.ts';

/** One accepted policy version with its audit fields. */
export interface PolicyRevision {
  readonly policy: PolicyDocument;
  readonly author: string;
  readonly updatedAt: Date;
  readonly comment?: string;
}

/** The stored revision, or the version that was current when `expectedVersion` did not match. */
export type PutPolicyResult =
  | { readonly ok: true; readonly revision: PolicyRevision; readonly currentVersion?: never }
  | { readonly ok: false; readonly reason: 'VERSION_CONFLICT'; readonly currentVersion: number };

/** Who changed the policy, when and why; `expectedVersion` is the optimistic-concurrency check. */
export interface PolicyChange {
  readonly author: string;
  readonly comment?: string;
  /** The version the editor started from; 0 when no policy was ever stored. */
  readonly expectedVersion?: number;
  readonly at: Date;
}

/**
 * The active rule policy and its audited history. Every accepted change gets version + 1 and an
 * immutable revision (author, time, comment). Validation happens before `put` (engine).
 */
export interface PolicyStore {
  getActive(): Promise<PolicyRevision | null>;
  /** Atomically: check `expectedVersion` (when given), bump the version, write active + revision. */
  put(policy: Omit<PolicyDocument, 'version'>, meta: PolicyChange): Promise<PutPolicyResult>;
  /** Revisions, newest first. */
  history(limit: number): Promise<readonly PolicyRevision[]>;
}

/**
 * The platform default policy (changed by platform operators only) and each tenant's override
 * (changed by that tenant's admins), each with its own versions and audit trail. A tenant's
 * effective policy is its override when it has one, else the platform default.
 */
export interface PolicyStores extends ForTenant<PolicyStore> {
  readonly platform: PolicyStore;
}
