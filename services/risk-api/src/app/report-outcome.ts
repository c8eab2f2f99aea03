import type { ReportedOutcome, ReportedOutcomeKind } from '@sentinel/contracts';
import type { Clock } from '@sentinel/kernel';
import type { DecisionLog, ForTenant, ReportedOutcomes, TenantId } from '@sentinel/store';

/**
 * How far ahead of this instance's clock a reported `occurredAt` may be: the bank's clocks and
 * ours are NTP-synchronised, not identical. Beyond it the time is a mistake, not skew.
 */
export const OCCURRED_AT_MAX_SKEW_MS = 5 * 60_000;

/** What the bank says became of one of its decisions. */
export interface ReportOutcomeInput {
  readonly outcome: ReportedOutcomeKind;
  readonly reportedBy: string;
  readonly reference?: string;
  /** Default: now. */
  readonly occurredAt?: Date;
}

export type ReportOutcomeResult =
  | { readonly ok: true; readonly report: ReportedOutcome; readonly replayed: boolean }
  | { readonly ok: false; readonly issue: 'DECISION_NOT_FOUND' | 'OCCURRED_IN_FUTURE' };

/**
 * `POST /v1/decisions/{id}/outcome` (issue 13): records the report on the tenant's decision,
 * once per kind (a repeat returns the first report, replayed), and has a new report published on
 * `risk-outcomes` through its outbox entry. Another tenant's decision is not found, like an
 * unknown one.
 */
export function createReportOutcome(deps: {
  readonly log: Pick<DecisionLog, 'get'>;
  readonly outcomes: ForTenant<ReportedOutcomes>;
  readonly clock: Pick<Clock, 'now'>;
  /** Publishes a newly stored report (the relay; its outbox entry covers a failure). */
  readonly published: (tenant: TenantId, report: ReportedOutcome) => void;
}) {
  return async (
    tenant: TenantId,
    decisionId: string,
    input: ReportOutcomeInput,
  ): Promise<ReportOutcomeResult> => {
    const record = await deps.log.get(tenant, decisionId);
    if (record === null) {
      return { ok: false, issue: 'DECISION_NOT_FOUND' };
    }
    const now = deps.clock.now();
    const occurredAt = input.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + OCCURRED_AT_MAX_SKEW_MS) {
      return { ok: false, issue: 'OCCURRED_IN_FUTURE' };
    }
    const { report, created } = await deps.outcomes.forTenant(tenant).report({
      decisionId,
      outcome: input.outcome,
      reportedBy: input.reportedBy,
      reference: input.reference ?? null,
      occurredAt,
      reportedAt: now,
      decidedAt: record.decidedAt,
    });
    if (created) {
      deps.published(tenant, report);
    }
    return { ok: true, report, replayed: !created };
  };
}

export type ReportOutcome = ReturnType<typeof createReportOutcome>;
