import {
  REPORTED_OUTCOMES,
  type ReportedOutcome,
  type ReportedOutcomeKind,
} from '@sentinel/contracts';
import {
  MAX_REPORTS_LOOKUP,
  type OutcomeReportResult,
  type ReportedOutcomeStore,
  type ReportedOutcomes,
  type TenantReport,
} from '../ports/reported-outcomes.ts';
import type { TenantId } from '../ports/tenancy.ts';

const keyOf = (tenant: TenantId, decisionId: string, outcome: ReportedOutcomeKind): string =>
  JSON.stringify([tenant, decisionId, outcome]);

/**
 * `ReportedOutcomeStore` in process memory. Each report runs to completion without awaiting, so
 * the report and its outbox entry are written together and a racing duplicate sees the first.
 */
export class MemoryReportedOutcomes implements ReportedOutcomeStore {
  /** [tenant, decisionId, outcome] → the report. */
  readonly #reports = new Map<string, TenantReport>();
  /** The keys of reports whose event is still to publish, in the order they were reported. */
  readonly #outbox = new Set<string>();

  forTenant(tenant: TenantId): ReportedOutcomes {
    return {
      report: (report) => Promise.resolve(this.#report(tenant, report)),
      list: (decisionId) =>
        Promise.resolve(
          [...this.#reports.values()]
            .filter((r) => r.tenant === tenant && r.report.decisionId === decisionId)
            .map((r) => structuredClone(r.report))
            .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime()),
        ),
      listMany: (decisionIds) => {
        if (decisionIds.length > MAX_REPORTS_LOOKUP) {
          return Promise.reject(new RangeError(`at most ${MAX_REPORTS_LOOKUP} ids per lookup`));
        }
        // One lookup per kind, not a scan of every report: a backtest asks for each page.
        const found = new Map<string, ReportedOutcome[]>();
        for (const decisionId of decisionIds) {
          const reports = REPORTED_OUTCOMES.flatMap((kind) => {
            const hit = this.#reports.get(keyOf(tenant, decisionId, kind));
            return hit === undefined ? [] : [structuredClone(hit.report)];
          });
          if (reports.length > 0) {
            found.set(
              decisionId,
              reports.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime()),
            );
          }
        }
        return Promise.resolve(found);
      },
    };
  }

  dueReports(limit: number): Promise<readonly TenantReport[]> {
    const due = [...this.#outbox]
      .flatMap((key) => {
        const found = this.#reports.get(key);
        return found === undefined ? [] : [structuredClone(found)];
      })
      .sort((a, b) => a.report.reportedAt.getTime() - b.report.reportedAt.getTime());
    return Promise.resolve(due.slice(0, Math.max(0, limit)));
  }

  completeReport(tenant: TenantId, decisionId: string, outcome: ReportedOutcomeKind) {
    this.#outbox.delete(keyOf(tenant, decisionId, outcome));
    return Promise.resolve();
  }

  #report(tenant: TenantId, report: ReportedOutcome): OutcomeReportResult {
    const key = keyOf(tenant, report.decisionId, report.outcome);
    const first = this.#reports.get(key);
    if (first !== undefined) {
      return { report: structuredClone(first.report), created: false };
    }
    this.#reports.set(key, { tenant, report: structuredClone(report) });
    this.#outbox.add(key);
    return { report: structuredClone(report), created: true };
  }
}
