import type { DocumentReference, Firestore } from '@google-cloud/firestore';
import { systemClock, type Clock } from '@sentinel/kernel';

// Firestore takes at most 500 writes in one batch.
const MAX_BATCH = 500;

/**
 * Deletes gathered for `windowMs` and committed as one batch: every decision's delivery ends by
 * deleting its outbox entry, and one commit per decision was a sixth of the Firestore calls a
 * decision costs. When a batch fails (an overloaded store refuses it, say with a lock timeout),
 * its deletes are tried one by one, so one contended document fails only its own caller, as a
 * single delete did: failing all of them made the outbox sweep stop after three failures in a row
 * and stalled the drain of a 3,000-decision overload run for minutes. A delete of a document that
 * is already gone succeeds, so a repeated one is harmless.
 */
export class BatchedDeletes {
  readonly #db: Firestore;
  readonly #clock: Pick<Clock, 'setTimer'>;
  readonly #windowMs: number;
  #pending: { ref: DocumentReference; settle: (error?: unknown) => void }[] = [];
  #cancelTimer: (() => void) | undefined;
  #commits = 0;

  constructor(
    db: Firestore,
    opts: { readonly clock?: Pick<Clock, 'setTimer'>; readonly windowMs?: number } = {},
  ) {
    this.#db = db;
    this.#clock = opts.clock ?? systemClock;
    this.#windowMs = opts.windowMs ?? 10;
  }

  /** Batch commits sent so far (each of up to 500 deletes). */
  get commits(): number {
    return this.#commits;
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
        this.#cancelTimer ??= this.#clock.setTimer(this.#windowMs, () => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const taken = this.#pending.splice(0, MAX_BATCH);
    if (this.#pending.length > 0) {
      this.#cancelTimer = this.#clock.setTimer(this.#windowMs, () => this.#flush());
    }
    const batch = this.#db.batch();
    for (const { ref } of taken) {
      batch.delete(ref);
    }
    this.#commits++;
    batch.commit().then(
      () => {
        for (const { settle } of taken) {
          settle();
        }
      },
      () => {
        for (const { ref, settle } of taken) {
          ref.delete().then(
            () => settle(),
            (error: unknown) => settle(error),
          );
        }
      },
    );
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
