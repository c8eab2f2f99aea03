import { createHash } from 'node:crypto';
import { Timestamp, type DocumentReference, type Firestore } from '@google-cloud/firestore';
import {
  REPORTED_OUTCOMES,
  type ReportedOutcome,
  type ReportedOutcomeKind,
} from '@sentinel/contracts';
import { z } from 'zod';
import type {
  OutcomeReportResult,
  ReportedOutcomeStore,
  ReportedOutcomes,
  TenantReport,
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
    };
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
