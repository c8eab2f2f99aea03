import { createHash } from 'node:crypto';

/** Firestore layout of the risk-api (docs/architecture.md mirrors this list). */
export const COLLECTIONS = {
  /** `users/{userId}`: the bank's profile of its customer. */
  users: 'users',
  /** `simSwapSignals/{E.164}`: the latest SIM swap signal per number. */
  simSwapSignals: 'simSwapSignals',
  /** `userHistory/{userId}`: what Sentinel observed across earlier decisions. */
  userHistory: 'userHistory',
  /** `deviceSightings/{sha256(deviceId)}`: the accounts a device was recently seen on. */
  deviceSightings: 'deviceSightings',
  /** `accountFreezes/{userId}`: frozen by a decision, unfrozen by an admin. */
  accountFreezes: 'accountFreezes',
  /** `behaviorSessions/{userId}`: legitimate sessions kept for enrolment. */
  behaviorSessions: 'behaviorSessions',
  /** `behaviorBaselines/{userId}` (current) and `behaviorBaselines/{userId}/versions/{version}`. */
  behaviorBaselines: 'behaviorBaselines',
  /** `decisions/{decisionId}`. */
  decisions: 'decisions',
  /** `idempotency/{idempotencyKey}`. */
  idempotency: 'idempotency',
  /** `outbox/{decisionId}` with `dueAt`: decisions whose event or history is still pending. */
  outbox: 'outbox',
  /** `policies/active`. */
  policies: 'policies',
  /** `policyRevisions/{version, zero-padded}`. */
  policyRevisions: 'policyRevisions',
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
