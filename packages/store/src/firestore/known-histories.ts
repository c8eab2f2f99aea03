import type { UserHistory } from '@sentinel/engine';
import type { DocumentReference, DocumentSnapshot, Timestamp } from '@google-cloud/firestore';
import { BoundedMap } from '@sentinel/kernel';
import type { BatchedWrites } from './batched-writes.ts';
import type { DocumentForm } from './document-form.ts';
import { toHistoryData, toHistoryUpdate } from './history-doc.ts';

// gRPC codes after which the transaction takes over: the document changed (or appeared, or went)
// since the version this instance knew, or the write lost a lock (ABORTED, an overloaded store)
// and the transaction's own retries should have it, as they had before this shortcut.
const TRANSACTION_TAKES_OVER = new Set([
  5 /* NOT_FOUND */, 6 /* ALREADY_EXISTS */, 9 /* FAILED_PRECONDITION */, 10 /* ABORTED */,
]);

interface KnownHistory {
  readonly history: UserHistory;
  /** The document's update time; null when it did not exist. */
  readonly updateTime: Timestamp | null;
}

/**
 * The version of each user's history document this instance last read (the hot path reads it for
 * every decision) or wrote. A decision's delivery merges its payment into that version and writes
 * it with the version as precondition — one call — instead of a transaction's read and commit.
 * When the document changed since (another decision's delivery, another instance), the write is
 * refused and the caller falls back to the transaction, so no update is ever lost. Each known
 * version is used once: a second delivery for the same user goes through the transaction.
 * Bounded: the users seen longest ago are forgotten first.
 */
export class KnownHistories {
  readonly #byUser: BoundedMap<string, KnownHistory>;

  readonly #writes: BatchedWrites;

  readonly #form: DocumentForm;

  /**
   * `writes`: the version-checked write shares a batch with other deliveries' writes; `form`: how
   * the history is written (document-form.ts).
   */
  constructor(writes: BatchedWrites, form: DocumentForm = 'text', maxUsers = 10_000) {
    this.#writes = writes;
    this.#form = form;
    this.#byUser = new BoundedMap(maxUsers);
  }

  seen(userId: string, snapshot: DocumentSnapshot, history: UserHistory): void {
    const known = this.#byUser.get(userId);
    const read = snapshot.exists ? (snapshot.updateTime ?? null) : null;
    if (
      known?.updateTime != null &&
      (read === null || read.valueOf() < known.updateTime.valueOf())
    ) {
      // A read that left before this instance's last write came back after it: keep the newer.
      return;
    }
    this.#byUser.set(userId, {
      history,
      updateTime: snapshot.exists ? (snapshot.updateTime ?? null) : null,
    });
  }

  /**
   * Writes `change(known version)` with that version as precondition. Resolves `false` when no
   * version is known or the document moved on (the caller then runs its transaction); `true` when
   * written or when nothing changes.
   */
  async write(
    userId: string,
    ref: DocumentReference,
    change: (current: UserHistory) => UserHistory | null,
  ): Promise<boolean> {
    const known = this.#byUser.get(userId);
    if (known === undefined) {
      return false;
    }
    this.#byUser.delete(userId);
    const next = change(known.history);
    if (next === null) {
      return true;
    }
    try {
      const result =
        known.updateTime === null
          ? await this.#writes.create(ref, toHistoryData(next, this.#form))
          : await this.#writes.update(ref, toHistoryUpdate(next, this.#form), {
              lastUpdateTime: known.updateTime,
            });
      this.#byUser.set(userId, { history: next, updateTime: result.writeTime });
      return true;
    } catch (error) {
      if (TRANSACTION_TAKES_OVER.has((error as { code?: unknown } | null)?.code as number)) {
        return false;
      }
      throw error;
    }
  }
}
