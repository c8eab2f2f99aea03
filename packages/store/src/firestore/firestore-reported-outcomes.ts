import { createHash } from 'node:crypto';
import { Timestamp, type DocumentReference, type Firestore } from '@google-cloud/firestore';
import {
  REPORTED_OUTCOMES,
  type ReportedOutcome,
  type ReportedOutcomeKind,
} from '@sentinel/contracts';
import { z } from 'zod';
import {
  MAX_REPORTS_LOOKUP,
  type OutcomeReportResult,
  type ReportedOutcomeStore,
  type ReportedOutcomes,
  type TenantReport,
} from '../ports/reported-outcomes.ts';
import type { TenantId } from '../ports/tenancy.ts';
import { COLLECTIONS, tenantRoot } from './collections.ts';
import { parseDocument, parseOptional } from './parse-document.ts';
import { storable } from './storable.ts';

/** `tenants/{tenant}/decisions/{decisionId}/outcomes/{outcome}`: one report of each kind. */
export const REPORTED_OUTCOMES_COLLECTION = 'outcomes';
/** `reportedOutcomeOutbox/{sha256(tenant, decisionId, outcome)}`: events still to publish. */
export const REPORTED_OUTCOME_OUTBOX = 'reportedOutcomeOutbox';

const Time = z.instanceof(Timestamp).transform((t) => t.toDate());

const ReportDoc = z.object({
  decisionId: z.string(),
  outcome: z.enum(REPORTED_OUTCOMES),
  reportedBy: z.string(),
  reference: z.string().nullable(),
  occurredAt: Time,
  reportedAt: Time,
  decidedAt: Time,
}) satisfies z.ZodType<ReportedOutcome>;

const OutboxDoc = z.object({
  tenant: z.string(),
  decisionId: z.string(),
  outcome: z.enum(REPORTED_OUTCOMES),
  dueAt: Time,
});

function reportRef(
  db: Firestore,
  tenant: TenantId,
  decisionId: string,
  outcome: ReportedOutcomeKind,
): DocumentReference {
  return tenantRoot(db, tenant)
    .collection(COLLECTIONS.decisions)
    .doc(decisionId)
    .collection(REPORTED_OUTCOMES_COLLECTION)
    .doc(outcome);
}

/** The outbox entry's id: a hash, so no caller id has to be a valid document name. */
function outboxRef(
  db: Firestore,
  tenant: TenantId,
  decisionId: string,
  outcome: ReportedOutcomeKind,
): DocumentReference {
  const id = createHash('sha256')
    .update(JSON.stringify([tenant, decisionId, outcome]))
    .digest('hex');
  return db.collection(REPORTED_OUTCOME_OUTBOX).doc(id);
}

/**
 * `ReportedOutcomeStore` on Firestore. A report is created in a transaction with its outbox
 * entry; the transaction reads the report first, so of racing identical reports one creates it
 * and the others (retried by Firestore on contention) read it back.
 */
export class FirestoreReportedOutcomes implements ReportedOutcomeStore {
  readonly #db: Firestore;

  constructor(db: Firestore) {
    this.#db = db;
  }

  forTenant(tenant: TenantId): ReportedOutcomes {
    return {
      report: (report) => this.#report(tenant, report),
      list: async (decisionId) => {
        const snapshot = await tenantRoot(this.#db, tenant)
          .collection(COLLECTIONS.decisions)
          .doc(decisionId)
          .collection(REPORTED_OUTCOMES_COLLECTION)
          .get();
        return snapshot.docs
          .map((doc) => parseDocument(ReportDoc, doc))
          .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
      },
      listMany: (decisionIds) => this.#listMany(tenant, decisionIds),
    };
  }

  /**
   * One batched read of every kind's document of every decision (a report's id is its kind),
   * instead of a query per decision: a page of 500 decisions is one round trip.
   */
  async #listMany(
    tenant: TenantId,
    decisionIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly ReportedOutcome[]>> {
    if (decisionIds.length > MAX_REPORTS_LOOKUP) {
      throw new RangeError(`at most ${MAX_REPORTS_LOOKUP} ids per lookup`);
    }
    const found = new Map<string, ReportedOutcome[]>();
    if (decisionIds.length === 0) {
      return found;
    }
    const refs = decisionIds.flatMap((id) =>
      REPORTED_OUTCOMES.map((kind) => reportRef(this.#db, tenant, id, kind)),
    );
    for (const snapshot of await this.#db.getAll(...refs)) {
      const report = parseOptional(ReportDoc, snapshot);
      if (report !== null) {
        const reports = found.get(report.decisionId) ?? [];
        reports.push(report);
        found.set(report.decisionId, reports);
      }
    }
    for (const reports of found.values()) {
      reports.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    }
    return found;
  }

  async dueReports(limit: number): Promise<readonly TenantReport[]> {
    if (limit <= 0) {
      return [];
    }
    const due = await this.#db
      .collection(REPORTED_OUTCOME_OUTBOX)
      .orderBy('dueAt')
      .limit(limit)
      .get();
    if (due.empty) {
      return [];
    }
    const entries = due.docs.map((doc) => parseDocument(OutboxDoc, doc));
    const reports = await this.#db.getAll(
      ...entries.map((e) => reportRef(this.#db, e.tenant, e.decisionId, e.outcome)),
    );
    return reports.flatMap((snapshot, i) => {
      const tenant = entries[i]?.tenant;
      const report = parseOptional(ReportDoc, snapshot);
      return report === null || tenant === undefined ? [] : [{ tenant, report }];
    });
  }

  async completeReport(
    tenant: TenantId,
    decisionId: string,
    outcome: ReportedOutcomeKind,
  ): Promise<void> {
    await outboxRef(this.#db, tenant, decisionId, outcome).delete();
  }

  #report(tenant: TenantId, report: ReportedOutcome): Promise<OutcomeReportResult> {
    const ref = reportRef(this.#db, tenant, report.decisionId, report.outcome);
    return this.#db.runTransaction(async (tx) => {
      const first = parseOptional(ReportDoc, await tx.get(ref));
      if (first !== null) {
        return { report: first, created: false };
      }
      const stored = storable({ ...report });
      tx.create(ref, stored);
      tx.set(outboxRef(this.#db, tenant, report.decisionId, report.outcome), {
        tenant,
        decisionId: report.decisionId,
        outcome: report.outcome,
        dueAt: report.reportedAt,
      });
      return { report: stored, created: true };
    });
  }
}
