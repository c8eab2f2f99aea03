import type {
  BulkWriter,
  DocumentData,
  DocumentReference,
  Firestore,
  Precondition,
  WriteResult,
} from '@google-cloud/firestore';
import { systemClock, type Clock } from '@sentinel/kernel';

/**
 * The background writes of many decisions sent together: a decision's delivery writes its
 * customer's history, its device's sighting and, last, deletes its outbox entry; one commit each
 * made three Firestore calls per decision besides the two the answer waits for.
 *
 * On Firestore's `BatchWrite` (through a `BulkWriter`): up to 20 writes per call, each with its
 * own result — unlike a `WriteBatch`, which is atomic, so one history whose version moved on
 * failed everyone's writes (measured: more commits per decision than without batching, each write
 * of a failed batch tried again alone). Here the history caller alone gets its
 * FAILED_PRECONDITION (and runs its transaction), the others their success. Writes are gathered
 * for `windowMs` and then sent (or as soon as 20 are waiting). A document written twice in a
 * window goes in two calls (a BatchWrite takes one write per document), in no guaranteed order,
 * which none of these writes needs: sighting appends and prunes are set-like transforms, a user's
 * history updates wait for each other (firestore-tenant-state.ts), an outbox entry is deleted once.
 * No retries here: each caller already has its own fallback (the history's transaction, the
 * outbox sweep).
 */
export class BatchedWrites {
  readonly #db: Firestore;
  /** The open window's writer; closed (its writes sent) when the window ends. */
  #writer: BulkWriter | undefined;
  readonly #clock: Pick<Clock, 'setTimer'>;
  readonly #windowMs: number;
  #flushes = 0;

  constructor(
    db: Firestore,
    opts: { readonly clock?: Pick<Clock, 'setTimer'>; readonly windowMs?: number } = {},
  ) {
    this.#db = db;
    this.#clock = opts.clock ?? systemClock;
    this.#windowMs = opts.windowMs ?? 10;
  }

  /** Windows that ended with writes to send (each sends them in calls of up to 20). */
  get flushes(): number {
    return this.#flushes;
  }

  delete(ref: DocumentReference): Promise<WriteResult> {
    return this.#window().delete(ref);
  }

  /** Fails with ALREADY_EXISTS (code 6) when the document exists. */
  create(ref: DocumentReference, data: DocumentData): Promise<WriteResult> {
    return this.#window().create(ref, data);
  }

  /** `set(data, { merge: true })`: field transforms (arrayUnion, arrayRemove) included. */
  merge(ref: DocumentReference, data: DocumentData): Promise<WriteResult> {
    return this.#window().set(ref, data, { merge: true });
  }

  /** Fails with FAILED_PRECONDITION (code 9) when the precondition does not hold. */
  update(
    ref: DocumentReference,
    data: DocumentData,
    precondition: Precondition,
  ): Promise<WriteResult> {
    return this.#window().update(ref, data, precondition);
  }

  /**
   * The writer of the open window, opened by the window's first write. A writer per window, closed
   * when it ends: an open BulkWriter would keep `Firestore.terminate()` from closing the client.
   */
  #window(): BulkWriter {
    if (this.#writer === undefined) {
      // No ramp-up throttling (500 writes/s at first): these writes follow the decisions' rate.
      const writer = this.#db.bulkWriter({ throttling: false });
      writer.onWriteError(() => false);
      this.#writer = writer;
      this.#clock.setTimer(this.#windowMs, () => {
        this.#writer = undefined;
        this.#flushes++;
        // Each write's own promise reports its result; the close's says only "all settled".
        writer.close().catch(() => undefined);
      });
    }
    return this.#writer;
  }
}

const shared = new WeakMap<Firestore, BatchedWrites>();

/**
 * The one `BatchedWrites` of a Firestore client, so the decision log's outbox deletes and the
 * tenant state's history and sighting writes share calls. The first caller's options hold.
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
