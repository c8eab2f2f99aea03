import {
  FieldPath,
  FieldValue,
  Timestamp,
  type DocumentReference,
  type Firestore,
} from '@google-cloud/firestore';
import { z } from 'zod';
import { PROVIDER_FAILURE_REASONS } from '../../providers/sim-swap-provider.ts';
import type { PollError, WatchedNumber, WatchedNumbers } from '../watched-numbers.ts';
import { GRPC, grpcCode, TELCO_COLLECTIONS } from './firestore-collections.ts';

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());

/** `watchedNumbers/{E.164}` as read back. */
const WatchedNumberDoc = z.object({
  phoneNumber: z.string(),
  watchedSince: Time,
  lastSuccessAt: Time.exactOptional(),
  consecutiveFailures: z.number().int().min(0).default(0),
  failureCount: z.number().int().min(0).default(0),
  lastError: z
    .object({
      reason: z.enum([...PROVIDER_FAILURE_REASONS, 'STORE']),
      detail: z.string(),
      at: Time,
    })
    .exactOptional(),
}) satisfies z.ZodType<WatchedNumber>;

const PAGE_SIZE = 300;

/** `WatchedNumbers` on Firestore, one document per number. */
export class FirestoreWatchedNumbers implements WatchedNumbers {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  async watch(phoneNumber: string, at: Date): Promise<void> {
    try {
      await this.#ref(phoneNumber).create({
        phoneNumber,
        watchedSince: at,
        consecutiveFailures: 0,
        failureCount: 0,
      });
    } catch (error) {
      if (grpcCode(error) !== GRPC.ALREADY_EXISTS) {
        throw error;
      }
    }
  }

  async unwatch(phoneNumber: string): Promise<void> {
    await this.#ref(phoneNumber).delete();
  }

  async get(phoneNumber: string): Promise<WatchedNumber | null> {
    const snapshot = await this.#ref(phoneNumber).get();
    return snapshot.exists ? WatchedNumberDoc.parse(snapshot.data()) : null;
  }

  async *list(): AsyncIterable<string> {
    let after: string | undefined;
    for (;;) {
      let query = this.#db
        .collection(TELCO_COLLECTIONS.watchedNumbers)
        .orderBy(FieldPath.documentId())
        .select()
        .limit(PAGE_SIZE);
      if (after !== undefined) {
        query = query.startAfter(after);
      }
      const page = await query.get();
      for (const doc of page.docs) {
        yield doc.id;
      }
      if (page.size < PAGE_SIZE) {
        return;
      }
      after = page.docs[page.docs.length - 1]?.id;
    }
  }

  recordSuccess(phoneNumber: string, at: Date): Promise<void> {
    return this.#updateIfWatched(phoneNumber, { lastSuccessAt: at, consecutiveFailures: 0 });
  }

  recordFailure(phoneNumber: string, error: PollError): Promise<void> {
    return this.#updateIfWatched(phoneNumber, {
      consecutiveFailures: FieldValue.increment(1),
      failureCount: FieldValue.increment(1),
      lastError: { reason: error.reason, detail: error.detail, at: error.at },
    });
  }

  /** `update` fails on a missing document: a number unwatched mid-poll is not recreated. */
  async #updateIfWatched(phoneNumber: string, data: Record<string, unknown>): Promise<void> {
    try {
      await this.#ref(phoneNumber).update(data);
    } catch (error) {
      if (grpcCode(error) !== GRPC.NOT_FOUND) {
        throw error;
      }
    }
  }

  #ref(phoneNumber: string): DocumentReference {
    return this.#db.collection(TELCO_COLLECTIONS.watchedNumbers).doc(phoneNumber);
  }
}
