import {
  EMPTY_HISTORY,
  type SimSwapSignal,
  type UserHistory,
  type UserProfile,
} from '@sentinel/engine';
import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import type { HistoryUpdate, RiskSnapshot, RiskStateStore } from '../../ports/risk-state.ts';
import { addFailedLogin, mergeHistory } from '../history/merge-history.ts';
import { COLLECTIONS } from './collections.ts';
import { parseDocument, parseOptional } from './parse-document.ts';
import { SimSwapSignalDoc, UserHistoryDoc, UserProfileDoc } from './schemas.ts';
import { storeCall } from './store-call.ts';
import { storable } from './storable.ts';

/**
 * `RiskStateStore` on Firestore: `users/{userId}`, `simSwapSignals/{E.164}` and
 * `userHistory/{userId}`. The hot path is one `getAll` of those three documents.
 */
export class FirestoreRiskStateStore implements RiskStateStore {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  readSnapshot(
    userId: string,
    phoneNumber: string,
    opts: { readonly timeoutMs: number },
  ): Promise<RiskSnapshot> {
    return storeCall('risk snapshot read', opts.timeoutMs, async () => {
      const [profile, signal, history] = await this.#db.getAll(
        this.#user(userId),
        this.#signal(phoneNumber),
        this.#history(userId),
      );
      if (profile === undefined || signal === undefined || history === undefined) {
        throw new Error('getAll returned fewer documents than requested');
      }
      return {
        profile: parseOptional(UserProfileDoc, profile),
        simSwap: parseOptional(SimSwapSignalDoc, signal),
        history: parseOptional(UserHistoryDoc, history) ?? EMPTY_HISTORY,
      };
    });
  }

  async getProfile(userId: string): Promise<UserProfile | null> {
    return parseOptional(UserProfileDoc, await this.#user(userId).get());
  }

  async putProfile(profile: UserProfile): Promise<void> {
    await this.#user(profile.userId).set(storable(profile));
  }

  async deleteProfile(userId: string): Promise<void> {
    await this.#user(userId).delete();
  }

  async getSimSwapSignal(phoneNumber: string): Promise<SimSwapSignal | null> {
    return parseOptional(SimSwapSignalDoc, await this.#signal(phoneNumber).get());
  }

  async putSimSwapSignal(signal: SimSwapSignal): Promise<void> {
    await this.#signal(signal.phoneNumber).set(storable(signal));
  }

  applyHistory(update: HistoryUpdate): Promise<void> {
    return this.#updateHistory(update.userId, (current) => mergeHistory(current, update));
  }

  recordFailedLogin(userId: string, at: Date): Promise<void> {
    return this.#updateHistory(userId, (current) => addFailedLogin(current, at));
  }

  ping(opts: { readonly timeoutMs: number }): Promise<void> {
    // Any single-document read proves the round trip; a missing document costs one read.
    return storeCall('readiness ping', opts.timeoutMs, async () => {
      await this.#db.getAll(this.#user('readiness-probe'));
    });
  }

  /** Read-modify-write in a transaction; `change` returns null when nothing changes. */
  async #updateHistory(
    userId: string,
    change: (current: UserHistory) => UserHistory | null,
  ): Promise<void> {
    const ref = this.#history(userId);
    await this.#db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      const current = snapshot.exists ? parseDocument(UserHistoryDoc, snapshot) : EMPTY_HISTORY;
      const next = change(current);
      if (next !== null) {
        tx.set(ref, storable(next));
      }
    });
  }

  #user(userId: string): DocumentReference {
    return this.#db.collection(COLLECTIONS.users).doc(userId);
  }

  #signal(phoneNumber: string): DocumentReference {
    return this.#db.collection(COLLECTIONS.simSwapSignals).doc(phoneNumber);
  }

  #history(userId: string): DocumentReference {
    return this.#db.collection(COLLECTIONS.userHistory).doc(userId);
  }
}
