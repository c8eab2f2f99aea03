import { createHash } from 'node:crypto';

/**
 * - `claimed`: this delivery processes the event (and must `complete` or `release` it);
 * - `done`: processed before, so this delivery is a replay;
 * - `busy`: another delivery is processing it right now.
 */
export type ClaimOutcome = 'claimed' | 'done' | 'busy';

/**
 * Which CloudEvents have been processed, for idempotent webhooks (Firestore `camaraEvents/{key}`,
 * in memory for tests). A claim abandoned for longer than the adapter's lease (a crash between
 * claim and completion) can be taken over, so an event is never lost to a dead claim.
 */
export interface EventLedger {
  claim(key: string, at: Date): Promise<ClaimOutcome>;
  complete(key: string, at: Date, outcome: string): Promise<void>;
  /** Gives a claim back after a failure, so the sender's retry processes the event. */
  release(key: string): Promise<void>;
}

/**
 * The ledger key of a CloudEvent. CloudEvents 1.0: `id` is unique only within its `source`, and
 * may hold characters a document id cannot (`/`), so the key is SHA-256 hex of both.
 */
export function cloudEventKey(source: string, id: string): string {
  return createHash('sha256').update(`${source}\n${id}`, 'utf8').digest('hex');
}
