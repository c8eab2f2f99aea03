import { z } from '@hono/zod-openapi';
import { REPORTED_OUTCOMES, type ReportedOutcome } from '@sentinel/contracts';

/** One reported outcome as the API shows it (times in RFC 3339). */
export const ReportedOutcomeViewSchema = z
  .object({
    outcome: z.enum(REPORTED_OUTCOMES),
    reportedBy: z.string().openapi({ description: 'The analyst or system that reported it' }),
    reference: z.string().nullable().openapi({ description: "The bank's reference, if given" }),
    occurredAt: z.string().openapi({ description: 'RFC 3339: when it happened' }),
    reportedAt: z.string().openapi({ description: 'RFC 3339: when Sentinel recorded it' }),
  })
  .openapi('ReportedOutcome');

export type ReportedOutcomeView = z.infer<typeof ReportedOutcomeViewSchema>;

/** A report as `ReportedOutcomeViewSchema` says. */
export function reportedOutcomeView(report: ReportedOutcome): ReportedOutcomeView {
  return {
    outcome: report.outcome,
    reportedBy: report.reportedBy,
    reference: report.reference,
    occurredAt: report.occurredAt.toISOString(),
    reportedAt: report.reportedAt.toISOString(),
  };
}

/** The `outcomes` field of `GET /v1/decisions/{id}`: the decision's reports, oldest first. */
export const ReportedOutcomesFieldSchema = z.array(ReportedOutcomeViewSchema).openapi({
  description:
    'What the bank reported about this decision (POST /v1/decisions/{id}/outcome), oldest first',
});

export function reportedOutcomesView(reports: readonly ReportedOutcome[]): ReportedOutcomeView[] {
  return reports.map(reportedOutcomeView);
}
