import type { EnrichedDecision } from './decisions-enriched.ts';
import { countIf, groupRows, safeDivide } from './group-rows.ts';
import { quantile } from './quantile.ts';
import { utcDay } from './utc-day.ts';

/** A row of view `kpi_daily` (docs/analytics.md defines each column). */
export interface KpiDaily {
  tenantId: string;
  day: string;
  policyId: string;
  policyVersion: number;
  decisions: number;
  approvals: number;
  step_ups: number;
  denials: number;
  fraud_blocked_per_10k: number;
  step_up_conversion: number | null;
  false_positive_rate: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  latency_p99_ms: number | null;
}

/**
 * The four pitch KPIs by tenant, UTC day of decidedAt and policy version. A group exists only
 * when it has decisions (a day without decisions has no row, not zeros).
 */
export function kpiDaily(decisions: readonly EnrichedDecision[]): KpiDaily[] {
  const groups = groupRows(decisions, (d) => [
    d.tenantId,
    utcDay(d.decidedAt),
    d.policyId,
    d.policyVersion,
  ]);
  return groups.map(({ key: [tenantId, day, policyId, policyVersion], rows }) => {
    const latencies = rows.map((d) => d.latencyMs);
    const legitimate = rows.filter((d) => d.legitimate);
    return {
      tenantId,
      day,
      policyId,
      policyVersion,
      decisions: rows.length,
      approvals: countIf(rows, (d) => d.action === 'APPROVE'),
      step_ups: countIf(rows, (d) => d.action === 'STEP_UP'),
      denials: countIf(rows, (d) => d.action === 'DENY'),
      fraud_blocked_per_10k: (10_000 * countIf(rows, (d) => d.blocked && d.fraud)) / rows.length,
      step_up_conversion: safeDivide(
        countIf(rows, (d) => d.stepUpPassed),
        countIf(rows, (d) => d.stepUpEnded),
      ),
      false_positive_rate: safeDivide(
        countIf(legitimate, (d) => d.blocked || d.action === 'STEP_UP'),
        legitimate.length,
      ),
      latency_p50_ms: quantile(latencies, 50),
      latency_p95_ms: quantile(latencies, 95),
      latency_p99_ms: quantile(latencies, 99),
    };
  });
}
