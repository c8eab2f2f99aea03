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
  /** `outbox/{decisionId}` with `tenant` and `dueAt`: decisions whose delivery is still pending. */
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
