import type { DocumentReference, Firestore } from '@google-cloud/firestore';

// Firestore takes at most 500 writes in one batch.
const MAX_BATCH = 500;

/**
 * Deletes gathered for `windowMs` and committed as one batch: every decision's delivery ends by
 * deleting its outbox entry, and one commit per decision was a sixth of the Firestore calls a
 * decision costs. Each caller's promise settles with the commit that carried its delete, so a
 * failed commit leaves every one of its entries for the outbox sweep, as a failed single delete
 * did. A delete of a document that is already gone succeeds, so a repeated one is harmless.
 */
export class BatchedDeletes {
  readonly #db: Firestore;
  readonly #windowMs: number;
  #pending: { ref: DocumentReference; settle: (error?: unknown) => void }[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Firestore, windowMs = 10) {
    this.#db = db;
    this.#windowMs = windowMs;
  }

  delete(ref: DocumentReference): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({
        ref,
        settle: (error) => (error === undefined ? resolve() : reject(toError(error))),
      });
      if (this.#pending.length >= MAX_BATCH) {
        this.#flush();
      } else {
        this.#timer ??= setTimeout(() => this.#flush(), this.#windowMs);
      }
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const taken = this.#pending.splice(0, MAX_BATCH);
    if (this.#pending.length > 0) {
      this.#timer = setTimeout(() => this.#flush(), this.#windowMs);
    }
    const batch = this.#db.batch();
    for (const { ref } of taken) {
      batch.delete(ref);
    }
    batch.commit().then(
      () => {
        for (const { settle } of taken) {
          settle();
        }
      },
      (error: unknown) => {
        for (const { settle } of taken) {
          settle(error);
        }
      },
    );
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
