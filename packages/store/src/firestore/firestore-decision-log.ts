import {
  FieldPath,
  Timestamp,
  type DocumentReference,
  type Firestore,
} from '@google-cloud/firestore';
import type { DecisionRecord } from '@sentinel/contracts';
import { BoundedMap, type Clock } from '@sentinel/kernel';
import type { DecidedWindow, DecisionLog, RecordResult } from '../ports/decision-log.ts';
import type { EscrowReader } from '../ports/escrows.ts';
import type { ForTenant, TenantId } from '../ports/tenancy.ts';
import { batchedWritesOf, type BatchedWrites } from './batched-writes.ts';
import {
  ALL_OUTBOX_SHARDS,
  COLLECTIONS,
  idempotencyKey,
  outboxEntry,
  tenantRoot,
} from './collections.ts';
import { fromDecisionSnapshot, toDecisionData } from './decision-docs.ts';
import type { DocumentForm } from './document-form.ts';
import { escrowRef, FirestoreEscrows, toEscrowData } from './firestore-escrows.ts';
import { challengeRef, toChallengeData } from './firestore-step-up-challenges.ts';
import { parseDocument, parseOptional } from './parse-document.ts';
import { IdempotencyDoc, OutboxDoc } from './schemas.ts';

// gRPC status ALREADY_EXISTS: a `create` found the document there.
const ALREADY_EXISTS = 6;

/**
 * `DecisionLog` on Firestore: `tenants/{tenant}/decisions/{decisionId}`,
 * `tenants/{tenant}/idempotency/{key}` and the platform's outbox entry (with the tenant; see
 * collections.ts `outboxEntry`), written by one atomic batch of three `create`s (four for a
 * STEP_UP decision: its challenge, `tenants/{tenant}/challenges/{decisionId}`). The tenant is the
 * record's `clientId`.
 *
 * Nothing queries these, so firestore.indexes.json holds index exemptions on
 * idempotency.createdAt, idempotency.decisionId, idempotency.requestHash, decisions.occurredAt,
 * outboxEntries.decisionId, outboxEntries.tenant, outboxEntries.shard, outboxEntries.dueAt. Each
 * index entry lengthens the commit the answer waits for, and a time that only grows, indexed, caps
 * its collection at 500 writes a second. The record's other fields (who, how much, which device)
 * stay indexed for operators' queries by hand; its `decidedAt` for the backtests.
 */
// Payment stacks retry within minutes; 35 days also covers late replays around chargebacks.
const IDEMPOTENCY_RETENTION_MS = 35 * 86_400_000;

export class FirestoreDecisionLog implements DecisionLog {
  readonly #db: Firestore;
  readonly #completions: BatchedWrites;

  readonly escrows: ForTenant<EscrowReader>;

  readonly #documentForm: DocumentForm;

  /**
   * Where each entry the sweep found lives, by decision id, until its delivery completes it: an
   * entry in the earlier `outbox` collection is deleted there. Bounded; an id it no longer holds
   * is completed where this instance writes, and an entry left elsewhere is swept and delivered
   * again (at least once, as always).
   */
  readonly #swept = new BoundedMap<string, DocumentReference>(10_000);

  /** `documentForm`: how decision records are written (document-form.ts; default text). */
  constructor(
    db: Firestore,
    opts: { readonly clock?: Pick<Clock, 'setTimer'>; readonly documentForm?: DocumentForm } = {},
  ) {
    this.#db = db;
    this.#documentForm = opts.documentForm ?? 'text';
    this.#completions = batchedWritesOf(db, opts);
    this.escrows = new FirestoreEscrows(db);
  }

  async record(record: DecisionRecord): Promise<RecordResult> {
    const { decisionId } = record.decision;
    const tenant = record.clientId;
    const claim = this.#claim(record.clientId, record.decision.transactionId);
    // `create` fails the whole batch if any document exists, so of any number of concurrent
    // attempts for one claim exactly one commits; a blind write (`set`) would let the last win.
    const batch = this.#db.batch();
    batch.create(claim, {
      decisionId,
      requestHash: record.requestHash,
      createdAt: record.decidedAt,
      // Read by a Firestore TTL policy on idempotency.expireAt (infra): after this a reused
      // transactionId is a new payment. Decision records themselves are kept for audit.
      expireAt: new Date(record.decidedAt.getTime() + IDEMPOTENCY_RETENTION_MS),
    });
    batch.create(this.#decision(tenant, decisionId), toDecisionData(record, this.#documentForm));
    const outbox = this.#outbox(decisionId);
    batch.create(
      outbox.ref,
      outbox.shard === undefined
        ? { decisionId, tenant, dueAt: record.decidedAt }
        : { decisionId, tenant, shard: outbox.shard, dueAt: record.decidedAt },
    );
    if (record.hold !== undefined) {
      // Held decisions only: the hold exists before the answer leaves (issue 12), so an outcome
      // that beats the decision event to the escrow service always finds it.
      batch.create(escrowRef(this.#db, tenant, record.hold.escrowId), toEscrowData(record.hold));
    }
    if (record.challenge !== undefined) {
      // Only a STEP_UP decision pays for this fourth document; it works the moment we answer.
      batch.create(
        challengeRef(this.#db, tenant, record.challenge.id),
        toChallengeData(record.challenge),
      );
    }
    try {
      await batch.commit();
      return { created: true };
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== ALREADY_EXISTS) {
        throw error;
      }
    }
    // The winner's batch committed atomically, so its claim and record are both readable now.
    const winner = parseOptional(IdempotencyDoc, await claim.get());
    if (winner === null) {
      throw new Error(`decision ${decisionId} already exists under another idempotency claim`);
    }
    const existing = await this.get(tenant, winner.decisionId);
    if (existing === null) {
      throw new Error(`idempotency claim points to missing decision ${winner.decisionId}`);
    }
    return { created: false, existing };
  }

  async get(tenant: TenantId, decisionId: string): Promise<DecisionRecord | null> {
    const snapshot = await this.#decision(tenant, decisionId).get();
    return snapshot.exists ? fromDecisionSnapshot(snapshot) : null;
  }

  async dueOutbox(olderThan: Date, limit: number): Promise<readonly DecisionRecord[]> {
    if (limit <= 0) {
      return [];
    }
    const [sharded, earlier] = await Promise.all([
      // One query over every shard: served by the composite index shard + dueAt, which Firestore
      // merges by dueAt across the sixteen ranges.
      this.#db
        .collection(COLLECTIONS.outboxEntries)
        .where('shard', 'in', ALL_OUTBOX_SHARDS)
        .where('dueAt', '<=', olderThan)
        .orderBy('dueAt')
        .limit(limit)
        .get(),
      // Entries written before the sharded outbox, or under the `maps` form: the automatic
      // single-field index, which no decision writes to under `text`, so its cap costs nothing.
      this.#db
        .collection(COLLECTIONS.outbox)
        .where('dueAt', '<=', olderThan)
        .orderBy('dueAt')
        .limit(limit)
        .get(),
    ]);
    const due = [...sharded.docs, ...earlier.docs]
      .map((doc) => ({ doc, entry: parseDocument(OutboxDoc, doc) }))
      .sort((a, b) => a.entry.dueAt.getTime() - b.entry.dueAt.getTime())
      .slice(0, limit);
    if (due.length === 0) {
      return [];
    }
    for (const { doc, entry } of due) {
      this.#swept.set(entry.decisionId, doc.ref);
    }
    const entries = due.map(({ entry }) => entry);
    // getAll answers in the order asked, so the oldest-first order is kept.
    const snapshots = await this.#db.getAll(
      ...entries.map((e) => this.#decision(e.tenant, e.decisionId)),
    );
    return snapshots.filter((s) => s.exists).map(fromDecisionSnapshot);
  }

  /**
   * One query per page, `limit(pageSize)` and `startAfter` the last record read: memory holds one
   * page whatever the window. A range and order on `decidedAt`, ties by document id, is served by
   * the automatic single-field index.
   */
  async *decidedWithin(
    tenant: TenantId,
    window: DecidedWindow,
    pageSize: number,
  ): AsyncIterable<readonly DecisionRecord[]> {
    const size = Math.max(1, Math.floor(pageSize));
    const query = tenantRoot(this.#db, tenant)
      .collection(COLLECTIONS.decisions)
      .where('decidedAt', '>=', window.from)
      .where('decidedAt', '<', window.to)
      .orderBy('decidedAt')
      .orderBy(FieldPath.documentId())
      .limit(size);
    const resume = window.after;
    // Like the memory log: a position before the window starts at `from`; an empty id (no
    // document has one) is the start of its instant.
    const first =
      resume === undefined || resume.decidedAt.getTime() < window.from.getTime()
        ? query
        : resume.decisionId === ''
          ? query.startAt(Timestamp.fromDate(resume.decidedAt))
          : query.startAfter(Timestamp.fromDate(resume.decidedAt), resume.decisionId);
    let after = null as [Timestamp, string] | null;
    for (;;) {
      const snapshot = await (after === null ? first : query.startAfter(...after)).get();
      const page = snapshot.docs.map(fromDecisionSnapshot);
      const last = snapshot.docs.at(-1);
      if (last === undefined) {
        return;
      }
      yield page;
      if (page.length < size) {
        return;
      }
      after = [last.get('decidedAt') as Timestamp, last.id];
    }
  }

  /** Completions share a batch commit with other deliveries' writes (see batched-writes.ts). */
  async completeOutbox(decisionId: string): Promise<void> {
    const swept = this.#swept.get(decisionId);
    this.#swept.delete(decisionId);
    await this.#completions.delete(swept ?? this.#outbox(decisionId).ref);
  }

  #claim(clientId: string, transactionId: string): DocumentReference {
    return tenantRoot(this.#db, clientId)
      .collection(COLLECTIONS.idempotency)
      .doc(idempotencyKey(clientId, transactionId));
  }

  #decision(tenant: TenantId, decisionId: string): DocumentReference {
    return tenantRoot(this.#db, tenant).collection(COLLECTIONS.decisions).doc(decisionId);
  }

  /**
   * Where this instance writes a decision's outbox entry, and its shard: under the `maps` form in
   * `outbox/{decisionId}` without one, as releases before the sharded outbox did (a rollback to
   * them still finds it).
   */
  #outbox(decisionId: string): { readonly ref: DocumentReference; readonly shard?: number } {
    if (this.#documentForm === 'maps') {
      return { ref: this.#db.collection(COLLECTIONS.outbox).doc(decisionId) };
    }
    const { id, shard } = outboxEntry(decisionId);
    return { ref: this.#db.collection(COLLECTIONS.outboxEntries).doc(id), shard };
  }
}
