import { createHash } from 'node:crypto';
import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { checkTenantId, type TenantId } from '../ports/tenancy.ts';

/**
 * Firestore layout of the risk-api (docs/architecture.md mirrors this list). Customer data lives
 * under its tenant: `tenants/{tenant}/users/{userId}` and so on (see `tenantRoot`); SIM swap
 * signals, the outbox and the platform default policy are top-level.
 */
export const COLLECTIONS = {
  /** `tenants/{tenant}`: the root of one tenant's documents (the document itself is never written). */
  tenants: 'tenants',
  /** `tenants/{tenant}/users/{userId}`: the bank's profile of its customer. */
  users: 'users',
  /** `simSwapSignals/{E.164}`: the latest SIM swap signal per number, shared by all tenants. */
  simSwapSignals: 'simSwapSignals',
  /** `tenants/{tenant}/userHistory/{userId}`: what Sentinel observed across earlier decisions. */
  userHistory: 'userHistory',
  /** `tenants/{tenant}/deviceSightings/{sha256(deviceId)}`: the accounts a device was recently seen on. */
  deviceSightings: 'deviceSightings',
  /** `tenants/{tenant}/accountFreezes/{userId}`: frozen by a decision, unfrozen by an admin. */
  accountFreezes: 'accountFreezes',
  /** `tenants/{tenant}/behaviorSessions/{userId}`: legitimate sessions kept for enrolment. */
  behaviorSessions: 'behaviorSessions',
  /** `tenants/{tenant}/behaviorBaselines/{userId}` (current) and its `versions/{version}`. */
  behaviorBaselines: 'behaviorBaselines',
  /** `tenants/{tenant}/decisions/{decisionId}`. */
  decisions: 'decisions',
  /** `tenants/{tenant}/idempotency/{idempotencyKey}`. */
  idempotency: 'idempotency',
  /** `tenants/{tenant}/challenges/{challengeId}`: a STEP_UP decision's challenge (TTL `deleteAt`). */
  challenges: 'challenges',
  /** `outcomeOutbox/{challengeId}` with `tenant` and `dueAt`: step-up outcomes still to publish. */
  outcomeOutbox: 'outcomeOutbox',
  /**
   * `outboxEntries/{outboxEntryId}` with `decisionId`, `tenant`, `shard` and `dueAt`: decisions
   * whose delivery is still pending (outboxEntry below).
   */
  outboxEntries: 'outboxEntries',
  /**
   * `outbox/{decisionId}` with `tenant` and `dueAt`: the same, as releases before the sharded
   * outbox wrote it (and this one under the `maps` document form); still swept.
   */
  outbox: 'outbox',
  /** `policies/active` (platform default); `tenants/{tenant}/policies/active` (override). */
  policies: 'policies',
  /** `policyRevisions/{version, zero-padded}`, and the same under each tenant. */
  policyRevisions: 'policyRevisions',
  /**
   * `tenants/{tenant}/escrows/{escrowId}`: a held payment (issue 12), created with its decision;
   * its events and their webhook delivery logs in `events/{sequence}` below it.
   */
  escrows: 'escrows',
  /** The subcollection of an escrow holding its events. */
  escrowEvents: 'events',
  /** `escrowOutbox/{eventId}` with `tenant`, `dueAt` and a lease: events still to publish or deliver. */
  escrowOutbox: 'escrowOutbox',
  /** `tenants/{tenant}/factors/{userId}`: all passkeys and the TOTP factor of one customer. */
  factors: 'factors',
} as const;

/** The id of the one document in `policies` that every instance polls. */
export const ACTIVE_POLICY_ID = 'active';

/**
 * The idempotency claim's document id: SHA-256 hex of `clientId \n transactionId`, so caller ids
 * never appear in document names (and any id, whatever its characters, is a valid name).
 */
export function idempotencyKey(clientId: string, transactionId: string): string {
  return createHash('sha256').update(`${clientId}\n${transactionId}`, 'utf8').digest('hex');
}

/** The sightings document of a device: SHA-256 hex, so any device id makes a valid name. */
export function deviceKey(deviceId: string): string {
  return createHash('sha256').update(deviceId, 'utf8').digest('hex');
}

/** The subcollection of `behaviorBaselines/{userId}` holding every version. */
export const BASELINE_VERSIONS = 'versions';

/** Zero-padded so document ids sort in version order. */
export function revisionId(version: number): string {
  return String(version).padStart(10, '0');
}

/** `tenants/{tenant}`: every customer-scoped collection hangs below it. */
export function tenantRoot(db: Firestore, tenant: TenantId): DocumentReference {
  return db.collection(COLLECTIONS.tenants).doc(checkTenantId(tenant));
}

/**
 * How many ranges the outbox's due-time index is split into. Firestore caps writes to a collection
 * with a monotonically growing indexed field at 500 a second ("Sharded timestamps", Firestore's
 * documentation): one `dueAt` index for the whole platform would cap every tenant's decisions
 * together at 250 a second (each entry is created and deleted). Sixteen ranges lift that to 4,000;
 * the sweep asks for all of them in one `in` query (at most 30 values). Never lowered: an entry in
 * a shard the sweep stopped asking for would not be found.
 */
export const OUTBOX_SHARDS = 16;

/** Every shard, for the sweep's `in` filter. */
export const ALL_OUTBOX_SHARDS: readonly number[] = Array.from(
  { length: OUTBOX_SHARDS },
  (_, i) => i,
);

/**
 * An outbox entry's document id and shard. Decision ids are UUIDv7s, which grow with time, and
 * Firestore advises against sequential document ids (hotspots: every write lands at the end of one
 * key range); so the id starts with 32 bits of a hash of the decision id (FNV-1a), and the shard is
 * the hash's top four bits — the id's first hex digit. Derived, not stored apart: the delivery
 * finds the entry again from the decision id alone.
 */
export function outboxEntry(decisionId: string): { readonly id: string; readonly shard: number } {
  let hash = 0x811c9dc5;
  for (let i = 0; i < decisionId.length; i++) {
    hash = Math.imul(hash ^ decisionId.charCodeAt(i), 0x01000193);
  }
  hash >>>= 0;
  return {
    id: `${hash.toString(16).padStart(8, '0')}-${decisionId}`,
    shard: Math.floor((hash / 2 ** 32) * OUTBOX_SHARDS),
  };
}
