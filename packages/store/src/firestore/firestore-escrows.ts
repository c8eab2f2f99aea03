import {
  FieldPath,
  Timestamp,
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Transaction,
} from '@google-cloud/firestore';
import type { Escrow, EscrowEvent } from '@sentinel/contracts';
import type {
  ClaimedEvent,
  DeliveryProgress,
  EscrowChange,
  EscrowEventRecord,
  EscrowPage,
  EscrowStore,
  Escrows,
  EscrowUpdate,
  TenantEscrow,
} from '../ports/escrows.ts';
import type { TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { parseDocument, parseOptional } from './parse-document.ts';
import { EscrowDoc, EscrowEventDoc, EscrowOutboxDoc } from './schemas.ts';
import { storable } from './storable.ts';

/** A delivery log keeps the latest attempts; the schedule has ten, a long outage no more. */
const MAX_LOGGED_ATTEMPTS = 20;

/** `tenants/{tenant}/escrows/{escrowId}`. */
export function escrowRef(db: Firestore, tenant: TenantId, escrowId: string): DocumentReference {
  return tenantRoot(db, tenant).collection(COLLECTIONS.escrows).doc(escrowId);
}

/**
 * An escrow as its document: the escrow plus `awaitingSignal`, the field the sweep queries for
 * holds whose passed verification waits for a fresh, clean telco signal.
 */
export function toEscrowData(escrow: Escrow): DocumentData {
  return storable({ ...escrow, awaitingSignal: awaitsSignal(escrow) });
}

function awaitsSignal(escrow: Escrow): boolean {
  return (
    escrow.status === 'HELD' &&
    escrow.rules.release === 'VERIFICATION_AND_CLEAN_SIGNAL' &&
    escrow.verifications.some((v) => v.result === 'PASSED')
  );
}

/** Event documents sort by sequence. */
function eventDocId(sequence: number): string {
  return String(sequence).padStart(6, '0');
}

/**
 * `EscrowStore` on Firestore. A hold is created by `FirestoreDecisionLog.record` in the decision's
 * batch; every change is a transaction that writes the escrow, its new events
 * (`tenants/{tenant}/escrows/{escrowId}/events/{sequence}`) and their `escrowOutbox/{eventId}`
 * entries together, so a transition and its webhook can never part.
 */
export class FirestoreEscrows implements EscrowStore {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  forTenant(tenant: TenantId): Escrows {
    return {
      get: async (escrowId) =>
        parseOptional(EscrowDoc, await escrowRef(this.#db, tenant, escrowId).get()),
      list: (opts) => this.#list(tenant, opts),
      update: (escrowId, change) =>
        this.#db.runTransaction(async (tx) => {
          const ref = escrowRef(this.#db, tenant, escrowId);
          const current = parseOptional(EscrowDoc, await tx.get(ref));
          return current === null ? null : this.#apply(tx, tenant, current, change);
        }),
      ensure: (escrow, change) =>
        this.#db.runTransaction(async (tx) => {
          const ref = escrowRef(this.#db, tenant, escrow.escrowId);
          const current = parseOptional(EscrowDoc, await tx.get(ref));
          if (current !== null) {
            return this.#apply(tx, tenant, current, change);
          }
          const applied = this.#apply(tx, tenant, escrow, change);
          if (!applied.changed) {
            tx.create(ref, toEscrowData(escrow));
          }
          return applied;
        }),
      events: async (escrowId) => {
        const snapshot = await escrowRef(this.#db, tenant, escrowId)
          .collection(COLLECTIONS.escrowEvents)
          .orderBy(FieldPath.documentId())
          .get();
        return snapshot.docs.map((doc) => toRecord(tenant, parseDocument(EscrowEventDoc, doc)));
      },
    };
  }

  async dueExpiries(now: Date, limit: number): Promise<readonly TenantEscrow[]> {
    // A collection-group query over every tenant's escrows (index: status + releaseBy).
    const due = await this.#db
      .collectionGroup(COLLECTIONS.escrows)
      .where('status', '==', 'HELD')
      .where('releaseBy', '<=', now)
      .orderBy('releaseBy')
      .limit(limit)
      .get();
    return due.docs.map((doc) => this.#tenantEscrow(doc.ref, parseDocument(EscrowDoc, doc)));
  }

  async awaitingSignal(limit: number): Promise<readonly TenantEscrow[]> {
    // Collection-group single-field index on awaitingSignal (docs/escrow.md lists the indexes).
    const due = await this.#db
      .collectionGroup(COLLECTIONS.escrows)
      .where('awaitingSignal', '==', true)
      .limit(limit)
      .get();
    return due.docs.map((doc) => this.#tenantEscrow(doc.ref, parseDocument(EscrowDoc, doc)));
  }

  async dueEvents(now: Date, limit: number): Promise<readonly string[]> {
    const due = await this.#db
      .collection(COLLECTIONS.escrowOutbox)
      .where('dueAt', '<=', now)
      .orderBy('dueAt')
      .limit(limit)
      .get();
    return due.docs.map((doc) => doc.id);
  }

  async claimEvent(eventId: string, now: Date, leaseMs: number): Promise<ClaimedEvent | null> {
    // No transaction: one read and one write conditional on that read (optimistic), half the
    // round trips of a transaction; the loser of a race sees FAILED_PRECONDITION.
    const ref = this.#db.collection(COLLECTIONS.escrowOutbox).doc(eventId);
    const snapshot = await ref.get();
    const entry = parseOptional(EscrowOutboxDoc, snapshot);
    if (
      entry === null ||
      snapshot.updateTime === undefined ||
      entry.dueAt.getTime() > now.getTime() ||
      (entry.leaseUntil !== null && entry.leaseUntil.getTime() > now.getTime())
    ) {
      return null;
    }
    try {
      const write = await ref.update(
        { leaseUntil: new Date(now.getTime() + leaseMs) },
        { lastUpdateTime: snapshot.updateTime },
      );
      const { tenant, event, webhook, publishedAt } = entry;
      return {
        record: { tenant, event, webhook, publishedAt },
        claim: encodeTime(write.writeTime),
      };
    } catch (error) {
      if (lostRace(error)) {
        return null;
      }
      throw error;
    }
  }

  async progressEvent(claimed: ClaimedEvent, progress: DeliveryProgress): Promise<boolean> {
    const { record } = claimed;
    const { event } = record;
    const attempts =
      progress.attempt === undefined
        ? record.webhook.attempts
        : [...record.webhook.attempts, progress.attempt].slice(-MAX_LOGGED_ATTEMPTS);
    const webhook = {
      status: progress.webhookStatus ?? record.webhook.status,
      attempts,
      nextAttemptAt:
        progress.nextAttemptAt === undefined
          ? record.webhook.nextAttemptAt
          : progress.nextAttemptAt,
    };
    const publishedAt = record.publishedAt ?? progress.published ?? null;
    const outboxRef = this.#db.collection(COLLECTIONS.escrowOutbox).doc(event.eventId);
    // Only while nobody has claimed the event since this round did: the claim's write time.
    const unchanged = { lastUpdateTime: decodeTime(claimed.claim) };
    const batch = this.#db.batch();
    batch.update(
      this.#eventRef(record.tenant, event.escrowId, event.sequence),
      storable({ webhook, publishedAt }),
    );
    const webhookOpen = webhook.status === 'PENDING';
    if (publishedAt !== null && !webhookOpen) {
      batch.delete(outboxRef, unchanged);
    } else {
      // Still to do: the webhook's next attempt, or (publication failed) the caller's retry time.
      const retry = progress.retryPublishAt;
      const next = webhookOpen ? webhook.nextAttemptAt : null;
      const dueAt =
        next !== null && retry !== undefined && publishedAt === null
          ? minDate(next, retry)
          : (next ?? retry ?? new Date(event.occurredAt));
      batch.update(
        outboxRef,
        storable({ dueAt, leaseUntil: null, webhook, publishedAt }),
        unchanged,
      );
    }
    try {
      await batch.commit();
      return true;
    } catch (error) {
      if (lostRace(error)) {
        return false;
      }
      throw error;
    }
  }

  #apply(tx: Transaction, tenant: TenantId, current: Escrow, change: EscrowChange): EscrowUpdate {
    const next = change(current);
    if (next === null) {
      return { escrow: current, events: [], changed: false };
    }
    tx.set(escrowRef(this.#db, tenant, current.escrowId), toEscrowData(next.escrow));
    for (const event of next.events) {
      tx.create(this.#eventRef(tenant, event.escrowId, event.sequence), eventData(event));
      tx.create(this.#db.collection(COLLECTIONS.escrowOutbox).doc(event.eventId), {
        ...eventData(event),
        tenant,
        escrowId: event.escrowId,
        sequence: event.sequence,
        dueAt: event.occurredAt,
        leaseUntil: null,
      });
    }
    return { ...next, changed: true };
  }

  async #list(
    tenant: TenantId,
    opts: { readonly status?: Escrow['status']; readonly limit: number; readonly after?: string },
  ): Promise<EscrowPage> {
    // Newest first by when they were held, ties by id. Not by id alone: a descending scan of the
    // key without a filter is refused ("does not support descending key scans", the emulator),
    // which the unfiltered list (every status) hit.
    let query = tenantRoot(this.#db, tenant)
      .collection(COLLECTIONS.escrows)
      .orderBy('heldAt', 'desc')
      .orderBy(FieldPath.documentId(), 'desc');
    if (opts.status !== undefined) {
      query = query.where('status', '==', opts.status);
    }
    if (opts.after !== undefined) {
      // The cursor is the last hold's id: its own document gives the values to start after.
      const last = await escrowRef(this.#db, tenant, opts.after).get();
      if (!last.exists) {
        return { escrows: [], next: null }; // a cursor that names no hold ends the list
      }
      query = query.startAfter(last);
    }
    const snapshot = await query.limit(opts.limit + 1).get();
    const docs = snapshot.docs.slice(0, opts.limit);
    return {
      escrows: docs.map((doc) => parseDocument(EscrowDoc, doc)),
      next: snapshot.docs.length > opts.limit ? (docs.at(-1)?.id ?? null) : null,
    };
  }

  #eventRef(tenant: TenantId, escrowId: string, sequence: number): DocumentReference {
    return escrowRef(this.#db, tenant, escrowId)
      .collection(COLLECTIONS.escrowEvents)
      .doc(eventDocId(sequence));
  }

  #tenantEscrow(ref: DocumentReference, escrow: Escrow): TenantEscrow {
    const tenant = ref.parent.parent?.id;
    if (tenant === undefined) {
      throw new Error(`escrow ${ref.path} has no tenant`);
    }
    return { tenant, escrow };
  }
}

function eventData(event: EscrowEvent): DocumentData {
  return storable({
    event,
    webhook: { status: 'PENDING', attempts: [], nextAttemptAt: event.occurredAt },
    publishedAt: null,
  });
}

function toRecord(
  tenant: TenantId,
  stored: ReturnType<typeof EscrowEventDoc.parse>,
): EscrowEventRecord {
  return { tenant, ...stored };
}

// gRPC statuses of a conditional write that lost: FAILED_PRECONDITION, NOT_FOUND (deleted since).
const FAILED_PRECONDITION = 9;
const NOT_FOUND = 5;

function lostRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === FAILED_PRECONDITION || code === NOT_FOUND;
}

function encodeTime(t: Timestamp): string {
  return `${t.seconds}.${String(t.nanoseconds).padStart(9, '0')}`;
}

function decodeTime(claim: string): Timestamp {
  const [seconds, nanos] = claim.split('.');
  return new Timestamp(Number(seconds), Number(nanos));
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
