import type { CollectionReference, Firestore, QuerySnapshot } from '@google-cloud/firestore';
import type { NumberRecord } from '../domain/number-record.ts';
import type { SubscriptionRecord } from '../subscriptions/subscription.ts';
import { parseOptional } from '@sentinel/store';
import { NumberDoc, SubscriptionDoc, TokenDoc, withoutUndefined } from './firestore-documents.ts';
import type { SimulatorStore, TokenRecord } from './simulator-store.ts';

export const COLLECTIONS = {
  numbers: 'camaraNumbers',
  subscriptions: 'camaraSubscriptions',
  tokens: 'camaraTokens',
} as const;

// gRPC status NOT_FOUND: a delete with an `exists` precondition found nothing.
const GRPC_NOT_FOUND = 5;

const isNotFound = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === GRPC_NOT_FOUND;

/**
 * `SimulatorStore` on Firestore, so a restarted simulator (or a second instance) answers with the
 * same numbers, subscriptions and tokens. Tokens are kept under their SHA-256 digest; their
 * `expiresAt` can carry a Firestore TTL policy.
 */
export class FirestoreSimulatorStore implements SimulatorStore {
  readonly #numbers: CollectionReference;
  readonly #subscriptions: CollectionReference;
  readonly #tokens: CollectionReference;

  constructor(db: Firestore) {
    this.#numbers = db.collection(COLLECTIONS.numbers);
    this.#subscriptions = db.collection(COLLECTIONS.subscriptions);
    this.#tokens = db.collection(COLLECTIONS.tokens);
  }

  async getNumber(phoneNumber: string): Promise<NumberRecord | null> {
    return parseOptional(NumberDoc, await this.#numbers.doc(phoneNumber).get());
  }

  async putNumber(record: NumberRecord): Promise<void> {
    await this.#numbers.doc(record.phoneNumber).set(withoutUndefined(record));
  }

  async deleteNumber(phoneNumber: string): Promise<boolean> {
    return deleteExisting(this.#numbers, phoneNumber);
  }

  async listNumbers(): Promise<readonly NumberRecord[]> {
    const snapshot = await this.#numbers.orderBy('phoneNumber').get();
    return snapshot.docs.flatMap((doc) => parseOptional(NumberDoc, doc) ?? []);
  }

  async putSubscription(subscription: SubscriptionRecord): Promise<void> {
    await this.#subscriptions.doc(subscription.id).set(withoutUndefined(subscription));
  }

  async getSubscription(id: string): Promise<SubscriptionRecord | null> {
    return parseOptional(SubscriptionDoc, await this.#subscriptions.doc(id).get());
  }

  async listSubscriptions(filter?: {
    readonly phoneNumber?: string;
  }): Promise<readonly SubscriptionRecord[]> {
    const query =
      filter?.phoneNumber === undefined
        ? this.#subscriptions
        : this.#subscriptions.where('phoneNumber', '==', filter.phoneNumber);
    return parseSorted(await query.get());
  }

  async listExpiring(
    expiresBy: Date,
    tokenExpiresBy: Date,
  ): Promise<readonly SubscriptionRecord[]> {
    // Two single-field range queries (automatic indexes) instead of reading every subscription.
    const [expiring, tokens] = await Promise.all([
      this.#subscriptions.where('expiresAt', '<=', expiresBy).get(),
      this.#subscriptions.where('sinkCredential.expiresAt', '<=', tokenExpiresBy).get(),
    ]);
    const byId = new Map(
      [...parseSorted(expiring), ...parseSorted(tokens)].map((s) => [s.id, s] as const),
    );
    return [...byId.values()].sort(byStart);
  }

  async countEvent(id: string): Promise<number | null> {
    const ref = this.#subscriptions.doc(id);
    return ref.firestore.runTransaction(async (tx) => {
      const current = parseOptional(SubscriptionDoc, await tx.get(ref));
      if (current === null) {
        return null;
      }
      const eventsSent = current.eventsSent + 1;
      tx.update(ref, { eventsSent });
      return eventsSent;
    });
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return deleteExisting(this.#subscriptions, id);
  }

  async putToken(digest: string, token: TokenRecord): Promise<void> {
    await this.#tokens.doc(digest).set(withoutUndefined(token));
  }

  async getToken(digest: string): Promise<TokenRecord | null> {
    return parseOptional(TokenDoc, await this.#tokens.doc(digest).get());
  }
}

const byStart = (a: SubscriptionRecord, b: SubscriptionRecord): number =>
  a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorted here rather than by an orderBy, which with a filter would need a composite index. */
function parseSorted(snapshot: QuerySnapshot): SubscriptionRecord[] {
  return snapshot.docs.flatMap((doc) => parseOptional(SubscriptionDoc, doc) ?? []).sort(byStart);
}

/** Deletes with an `exists` precondition: true only for the caller whose delete removed it. */
async function deleteExisting(collection: CollectionReference, id: string): Promise<boolean> {
  try {
    await collection.doc(id).delete({ exists: true });
    return true;
  } catch (error) {
    if (isNotFound(error)) {
      return false;
    }
    throw error;
  }
}
