import { Timestamp, type DocumentReference, type Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { SubscriptionRef, SubscriptionRefs } from '../subscription-refs.ts';
import { TELCO_COLLECTIONS } from './firestore-collections.ts';

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());

/** `camaraSubscriptionRefs/{E.164}` as read back. */
const SubscriptionRefDoc = z.object({
  phoneNumber: z.string(),
  subscriptionId: z.string(),
  createdAt: Time,
  expiresAt: Time.exactOptional(),
}) satisfies z.ZodType<SubscriptionRef>;

/** `SubscriptionRefs` on Firestore; the lookup by id is a single-field (auto-indexed) query. */
export class FirestoreSubscriptionRefs implements SubscriptionRefs {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  async get(phoneNumber: string): Promise<SubscriptionRef | null> {
    const snapshot = await this.#ref(phoneNumber).get();
    return snapshot.exists ? SubscriptionRefDoc.parse(snapshot.data()) : null;
  }

  async findBySubscriptionId(subscriptionId: string): Promise<SubscriptionRef | null> {
    const page = await this.#db
      .collection(TELCO_COLLECTIONS.camaraSubscriptionRefs)
      .where('subscriptionId', '==', subscriptionId)
      .limit(1)
      .get();
    const doc = page.docs[0];
    return doc === undefined ? null : SubscriptionRefDoc.parse(doc.data());
  }

  async put(ref: SubscriptionRef): Promise<void> {
    await this.#ref(ref.phoneNumber).set({
      phoneNumber: ref.phoneNumber,
      subscriptionId: ref.subscriptionId,
      createdAt: ref.createdAt,
      ...(ref.expiresAt === undefined ? {} : { expiresAt: ref.expiresAt }),
    });
  }

  async delete(phoneNumber: string, subscriptionId?: string): Promise<void> {
    const ref = this.#ref(phoneNumber);
    if (subscriptionId === undefined) {
      await ref.delete();
      return;
    }
    await this.#db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (snapshot.exists && snapshot.get('subscriptionId') === subscriptionId) {
        tx.delete(ref);
      }
    });
  }

  #ref(phoneNumber: string): DocumentReference {
    return this.#db.collection(TELCO_COLLECTIONS.camaraSubscriptionRefs).doc(phoneNumber);
  }
}
