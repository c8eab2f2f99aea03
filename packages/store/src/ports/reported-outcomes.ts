import type { ReportedOutcome, ReportedOutcomeKind } from '@sentinel/contracts';
import type { ForTenant, TenantId } from './tenancy.ts';

export type { ReportedOutcome, ReportedOutcomeKind } from '@sentinel/contracts';

/** What `report` did: the report now stored, and whether this call created it. */
export interface OutcomeReportResult {
  readonly report: ReportedOutcome;
  readonly created: boolean;
}

/**
 * One tenant's reported outcomes (issue 13): what the bank says became of its decisions. The
 * caller checks that the decision is the tenant's; the store keys every report by tenant.
 */
export interface ReportedOutcomes {
  /**
   * Stores the report unless the decision already has one of the same kind; then the first one
   * stays and comes back with `created: false` (however many identical reports race). A new
   * report and its outbox entry (the `risk-outcomes` event still to publish) are one commit.
   */
  report(report: ReportedOutcome): Promise<OutcomeReportResult>;
  /** The decision's reports, oldest first; none for an unknown id or another tenant's decision. */
  list(decisionId: string): Promise<readonly ReportedOutcome[]>;
  /**
   * The reports of many decisions at once (a page of a backtest, at most
   * `MAX_REPORTS_LOOKUP` ids), each decision's oldest first; a decision without reports (or
   * another tenant's) is absent from the map.
   */
  listMany(
    decisionIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly ReportedOutcome[]>>;
}

/** The most decision ids one `listMany` call takes. */
export const MAX_REPORTS_LOOKUP = 500;

/** A report with its tenant, as the platform-wide outbox sees it. */
export interface TenantReport {
  readonly tenant: TenantId;
  readonly report: ReportedOutcome;
}

/**
 * Every tenant's reported outcomes, plus the outbox of their events: an entry stays until its
 * event is published, so a report is never lost while Pub/Sub is down.
 */
export interface ReportedOutcomeStore extends ForTenant<ReportedOutcomes> {
  /** Reports whose event is not yet published, oldest report first, at most `limit`. */
  dueReports(limit: number): Promise<readonly TenantReport[]>;
  /** The report's event was published. Idempotent. */
  completeReport(tenant: TenantId, decisionId: string, outcome: ReportedOutcomeKind): Promise<void>;
}
