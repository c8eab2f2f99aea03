import {
  OUTCOME_EVENT_SCHEMA_VERSION,
  type OutcomeEvent,
  type OutcomeStatus,
} from './outcome-event.ts';

/** What a bank may report about one of its decisions (`POST /v1/decisions/{id}/outcome`). */
export const REPORTED_OUTCOMES = [
  'STEP_UP_PASSED',
  'STEP_UP_FAILED',
  'CONFIRMED_FRAUD',
  'CONFIRMED_LEGITIMATE',
  'CHARGEBACK',
] as const;
export type ReportedOutcomeKind = (typeof REPORTED_OUTCOMES)[number];

/**
 * The event status of each report: a step-up the bank reports reads like one the auth service
 * saw (PASSED / FAILED), so one consumer rule covers both sources.
 */
export const REPORTED_OUTCOME_STATUS: Readonly<Record<ReportedOutcomeKind, OutcomeStatus>> = {
  STEP_UP_PASSED: 'PASSED',
  STEP_UP_FAILED: 'FAILED',
  CONFIRMED_FRAUD: 'CONFIRMED_FRAUD',
  CONFIRMED_LEGITIMATE: 'CONFIRMED_LEGITIMATE',
  CHARGEBACK: 'CHARGEBACK',
};

/**
 * One outcome a bank reported for one of its decisions. A decision has at most one report of
 * each kind (the first one; reporting it again changes nothing), and may have several kinds (a
 * passed step-up, later confirmed as fraud).
 */
export interface ReportedOutcome {
  readonly decisionId: string;
  readonly outcome: ReportedOutcomeKind;
  /** The analyst or system that reported it (the bank's id for it, never the customer's). */
  readonly reportedBy: string;
  /** The bank's own reference (case, chargeback or ticket number). */
  readonly reference: string | null;
  /** When it happened, as the bank says (default: when it was reported). */
  readonly occurredAt: Date;
  /** When Sentinel recorded the report. */
  readonly reportedAt: Date;
  /** When the decision was made: the event's `createdAt`. */
  readonly decidedAt: Date;
}

/** The `risk-outcomes` event of a report (source BANK). */
export function reportedOutcomeEvent(tenant: string, report: ReportedOutcome): OutcomeEvent {
  return {
    decisionId: report.decisionId,
    tenantId: tenant,
    status: REPORTED_OUTCOME_STATUS[report.outcome],
    method: null,
    completedAt: report.occurredAt.getTime() * 1000,
    createdAt: report.decidedAt.getTime() * 1000,
    attempts: 0,
    sends: 0,
    schemaVersion: OUTCOME_EVENT_SCHEMA_VERSION,
    source: 'BANK',
    reportedBy: report.reportedBy,
    reference: report.reference,
  };
}
