import { Timestamp, type DocumentReference, type Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { ClaimOutcome, EventLedger } from '../event-ledger.ts';
import { TELCO_COLLECTIONS } from './firestore-collections.ts';

const EventDoc = z.object({
  state: z.enum(['processing', 'done']),
  at: z.instanceof(Timestamp).transform((t) => t.toDate()),
});

// Senders retry for hours at most; a Firestore TTL policy on camaraEvents.expireAt (infra) drops
// entries after this, and a replay later than that would be processed again (harmless: it
// reapplies the same swap).
const RETENTION_MS = 30 * 86_400_000;

/**
 * `EventLedger` on Firestore, `camaraEvents/{key}`. The claim is a transaction: of concurrent
 * deliveries of one event exactly one gets `claimed`; a `processing` entry older than `leaseMs`
 * (the processor died) is taken over.
 */
export class FirestoreEventLedger implements EventLedger {
  readonly #db: Firestore;
  readonly #leaseMs: number;

  constructor(db: Firestore, opts: { readonly leaseMs?: number } = {}) {
    this.#db = db;
    this.#leaseMs = opts.leaseMs ?? 60_000;
  }

  claim(key: string, at: Date): Promise<ClaimOutcome> {
    const ref = this.#ref(key);
    return this.#db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (snapshot.exists) {
        const entry = EventDoc.parse(snapshot.data());
        if (entry.state === 'done') {
          return 'done';
        }
        if (at.getTime() - entry.at.getTime() < this.#leaseMs) {
          return 'busy';
        }
      }
      tx.set(ref, {
        state: 'processing',
        at,
        expireAt: new Date(at.getTime() + RETENTION_MS),
      });
      return 'claimed';
    });
  }

  async complete(key: string, at: Date, outcome: string): Promise<void> {
    await this.#ref(key).set({
      state: 'done',
      at,
      outcome,
      expireAt: new Date(at.getTime() + RETENTION_MS),
    });
  }

  async release(key: string): Promise<void> {
    await this.#db.runTransaction(async (tx) => {
      const snapshot = await tx.get(this.#ref(key));
      if (snapshot.exists && EventDoc.parse(snapshot.data()).state === 'processing') {
        tx.delete(snapshot.ref);
      }
    });
  }

  #ref(key: string): DocumentReference {
    return this.#db.collection(TELCO_COLLECTIONS.camaraEvents).doc(key);
  }
}
