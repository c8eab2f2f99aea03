import type {
  DocumentData,
  DocumentReference,
  Firestore,
  Precondition,
  WriteBatch,
  WriteResult,
} from '@google-cloud/firestore';
import { systemClock, type Clock } from '@sentinel/kernel';

// Firestore takes at most 500 writes in one batch.
const MAX_BATCH = 500;

/** One write a caller hands over; what `WriteBatch` and `DocumentReference` both know how to do. */
type Write =
  | { readonly kind: 'delete'; readonly ref: DocumentReference }
  | { readonly kind: 'create'; readonly ref: DocumentReference; readonly data: DocumentData }
  | { readonly kind: 'merge'; readonly ref: DocumentReference; readonly data: DocumentData }
  | {
      readonly kind: 'update';
      readonly ref: DocumentReference;
      readonly data: DocumentData;
      readonly precondition: Precondition;
    };

interface Pending {
  readonly write: Write;
  readonly settle: (result: WriteResult | Error) => void;
}

/**
 * The background writes of many decisions gathered for `windowMs` and committed as one batch: a
 * decision's delivery writes its customer's history, its device's sighting and, last, deletes its
 * outbox entry; one commit each made three Firestore calls per decision besides the two the answer
 * waits for. Every write keeps its own meaning: when a batch fails (a history whose version moved
 * on fails its precondition, an overloaded store refuses the commit), its writes are tried one by
 * one, so each caller gets exactly the result its write alone would have had — the history caller
 * its FAILED_PRECONDITION and its transaction, the others their success. A batch writes each
 * document at most once: a second write of a pending document first sends the batch it would join,
 * so writes of one document land in the order they were asked for.
 */
export class BatchedWrites {
  readonly #db: Firestore;
  readonly #clock: Pick<Clock, 'setTimer'>;
  readonly #windowMs: number;
  readonly #maxInFlight: number;
  #pending: Pending[] = [];
  readonly #paths = new Set<string>();
  #cancelTimer: (() => void) | undefined;
  /** The window ended while `maxInFlight` commits were out: send when one of them settles. */
  #due = false;
  #inFlight = 0;
  #commits = 0;

  constructor(
    db: Firestore,
    opts: {
      readonly clock?: Pick<Clock, 'setTimer'>;
      readonly windowMs?: number;
      /**
       * Commits out at once (default 2). Writes asked for while they are out wait for one to
       * settle and then go together: a busy store gets fewer, larger commits instead of a queue
       * of small ones (group commit); an idle one sees each window's writes at once.
       */
      readonly maxInFlight?: number;
    } = {},
  ) {
    this.#db = db;
    this.#clock = opts.clock ?? systemClock;
    this.#windowMs = opts.windowMs ?? 10;
    this.#maxInFlight = opts.maxInFlight ?? 2;
  }

  /** Batch commits sent so far (each of up to 500 writes). */
  get commits(): number {
    return this.#commits;
  }

  delete(ref: DocumentReference): Promise<WriteResult> {
    return this.#add({ kind: 'delete', ref });
  }

  /** Fails with ALREADY_EXISTS (code 6) when the document exists. */
  create(ref: DocumentReference, data: DocumentData): Promise<WriteResult> {
    return this.#add({ kind: 'create', ref, data });
  }

  /** `set(data, { merge: true })`: field transforms (arrayUnion, arrayRemove) included. */
  merge(ref: DocumentReference, data: DocumentData): Promise<WriteResult> {
    return this.#add({ kind: 'merge', ref, data });
  }

  /** Fails with FAILED_PRECONDITION (code 9) when the precondition does not hold. */
  update(
    ref: DocumentReference,
    data: DocumentData,
    precondition: Precondition,
  ): Promise<WriteResult> {
    return this.#add({ kind: 'update', ref, data, precondition });
  }

  #add(write: Write): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      if (this.#paths.has(write.ref.path)) {
        // The pending batch already writes this document: it goes first, this joins the next.
        this.#send();
      }
      this.#pending.push({
        write,
        settle: (result) => (result instanceof Error ? reject(result) : resolve(result)),
      });
      this.#paths.add(write.ref.path);
      if (this.#pending.length >= MAX_BATCH) {
        this.#windowEnded();
      } else {
        this.#cancelTimer ??= this.#clock.setTimer(this.#windowMs, () => {
          this.#cancelTimer = undefined;
          this.#windowEnded();
        });
      }
    });
  }

  #windowEnded(): void {
    if (this.#inFlight < this.#maxInFlight) {
      this.#send();
    } else {
      this.#due = true;
    }
  }

  /** Commits what is pending now, whatever is in flight. */
  #send(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#due = false;
    const taken = this.#pending.splice(0, MAX_BATCH);
    this.#paths.clear();
    for (const { write } of this.#pending) {
      this.#paths.add(write.ref.path);
    }
    if (taken.length === 0) {
      return;
    }
    const batch = this.#db.batch();
    for (const { write } of taken) {
      addTo(batch, write);
    }
    this.#commits++;
    this.#inFlight++;
    batch
      .commit()
      .then(
        (results) => {
          taken.forEach(({ settle }, i) => settle(results[i] as WriteResult));
        },
        () =>
          Promise.all(
            taken.map(({ write, settle }) =>
              alone(write).then(settle, (error: unknown) => settle(toError(error))),
            ),
          ),
      )
      .finally(() => {
        this.#inFlight--;
        if (this.#due || this.#pending.length >= MAX_BATCH) {
          this.#send();
        }
      })
      .catch(() => undefined); // settle never throws; nothing is left to handle
    if (this.#pending.length > 0) {
      this.#windowEnded(); // more than a batch was waiting: the rest goes next
    }
  }
}

const shared = new WeakMap<Firestore, BatchedWrites>();

/**
 * The one `BatchedWrites` of a Firestore client, so the decision log's outbox deletes and the
 * tenant state's history and sighting writes share commits. The first caller's options hold.
 */
export function batchedWritesOf(
  db: Firestore,
  opts: { readonly clock?: Pick<Clock, 'setTimer'>; readonly windowMs?: number } = {},
): BatchedWrites {
  let writes = shared.get(db);
  if (writes === undefined) {
    writes = new BatchedWrites(db, opts);
    shared.set(db, writes);
  }
  return writes;
}

function addTo(batch: WriteBatch, write: Write): void {
  switch (write.kind) {
    case 'delete':
      batch.delete(write.ref);
      return;
    case 'create':
      batch.create(write.ref, write.data);
      return;
    case 'merge':
      batch.set(write.ref, write.data, { merge: true });
      return;
    case 'update':
      batch.update(write.ref, write.data, write.precondition);
      return;
  }
}

function alone(write: Write): Promise<WriteResult> {
  switch (write.kind) {
    case 'delete':
      return write.ref.delete();
    case 'create':
      return write.ref.create(write.data);
    case 'merge':
      return write.ref.set(write.data, { merge: true });
    case 'update':
      return write.ref.update(write.data, write.precondition);
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
