// Each chart's numbers, computed from the fixture rows in TypeScript for the pictures in
// docs/dashboards.md. An approximation of what the chart's view answers, not the view's SQL (that
// is infra/bigquery/views/, tested on its own): all tenants together, no deduplication (the
// fixture has no duplicates), nearest-rank percentiles, the latest outcome per decision.
import type { ChartId } from './dashboards.ts';
import type { DecisionRow, WarehouseFixture } from './fixture.ts';

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

/** What a chart draws: series over categories, or a table. */
export type ChartData =
  | {
      readonly kind: 'series';
      readonly categories: readonly string[];
      readonly series: readonly Series[];
    }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly (string | number)[])[];
    };

const day = (timestamp: string): string => timestamp.slice(0, 10);

/** Nearest-rank percentile `p` (0–100) of `values`; 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The latest outcome of each decision, `source` NULL read as AUTH (outcomes_latest). */
function latestOutcomes(
  fixture: WarehouseFixture,
): Map<string, { status: string; source: string }> {
  const latest = new Map<string, { status: string; source: string; at: string }>();
  for (const row of fixture.outcomes) {
    const seen = latest.get(row.decisionId);
    if (seen === undefined || seen.at < row.completedAt) {
      latest.set(row.decisionId, {
        status: row.status,
        source: row.source ?? 'AUTH',
        at: row.completedAt,
      });
    }
  }
  return latest;
}

/** kpi_daily, all tenants and policies of a day together. */
function kpiDaily(fixture: WarehouseFixture) {
  const outcomes = latestOutcomes(fixture);
  const BAD = new Set(['CONFIRMED_FRAUD', 'CHARGEBACK', 'FAILED']);
  return [...groupBy(fixture.decisions, (d) => day(d.decidedAt))].map(([date, rows]) => {
    const status = (d: DecisionRow): string | undefined => outcomes.get(d.decisionId)?.status;
    const count = (test: (d: DecisionRow) => boolean): number => rows.filter(test).length;
    const stepUps = count((d) => d.action === 'STEP_UP');
    const legit = rows.filter((d) => !BAD.has(status(d) ?? ''));
    return {
      day: date,
      decisions: rows.length,
      fraud_blocked_per_10k: round(
        (10_000 * count((d) => d.action === 'DENY' && status(d) === 'CONFIRMED_FRAUD')) /
          rows.length,
        1,
      ),
      false_positive_rate: round(
        legit.filter((d) => d.action !== 'APPROVE').length / legit.length,
        3,
      ),
      step_up_conversion: round(
        count((d) => d.action === 'STEP_UP' && status(d) === 'PASSED') / stepUps,
        3,
      ),
      latency: [50, 95, 99].map((p) =>
        percentile(
          rows.map((d) => d.latencyMs),
          p,
        ),
      ),
    };
  });
}

/** The latest event of each hold with its duration in seconds (escrow_latest). */
function finishedHolds(fixture: WarehouseFixture) {
  return [...groupBy(fixture.escrowEvents, (e) => e.escrowId).values()]
    .map((events) => events.reduce((a, b) => (b.sequence > a.sequence ? b : a)))
    .filter((event) => event.status !== 'HELD')
    .map((event) => ({
      ...event,
      seconds: (Date.parse(event.occurredAt) - Date.parse(event.heldAt)) / 1000,
    }));
}

const STATUSES = ['RELEASED', 'REVERSED', 'EXPIRED'];

/** Every chart's data from the fixture, by chart id. */
export const CHART_DATA: Readonly<Record<ChartId, (fixture: WarehouseFixture) => ChartData>> = {
  'fraud-blocked': (f) => {
    const kpi = kpiDaily(f);
    return {
      kind: 'series',
      categories: kpi.map((k) => k.day),
      series: [{ name: 'fraud_blocked_per_10k', values: kpi.map((k) => k.fraud_blocked_per_10k) }],
    };
  },
  'false-positives': (f) => {
    const kpi = kpiDaily(f);
    return {
      kind: 'series',
      categories: kpi.map((k) => k.day),
      series: [{ name: 'false_positive_rate', values: kpi.map((k) => k.false_positive_rate) }],
    };
  },
  'top-reasons': (f) => {
    const counts = [
      ...groupBy(
        f.decisions.flatMap((d) => d.reasons.map((r) => r.code)),
        (c) => c,
      ),
    ]
      .map(([code, rows]) => [code, rows.length] as const)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 8);
    return {
      kind: 'series',
      categories: counts.map(([code]) => code),
      series: [{ name: 'decisions', values: counts.map(([, n]) => n) }],
    };
  },
  'hold-outcomes': (f) => {
    const holds = finishedHolds(f);
    const causes = [...new Set(holds.map((h) => h.cause ?? ''))].sort();
    return {
      kind: 'series',
      categories: STATUSES,
      series: causes.map((cause) => ({
        name: cause,
        values: STATUSES.map(
          (s) => holds.filter((h) => h.status === s && h.cause === cause).length,
        ),
      })),
    };
  },
  'hold-duration': (f) => {
    const holds = finishedHolds(f);
    const of = (s: string): number[] => holds.filter((h) => h.status === s).map((h) => h.seconds);
    return {
      kind: 'series',
      categories: STATUSES,
      series: [50, 95].map((p) => ({
        name: `hold_seconds_p${String(p)}`,
        values: STATUSES.map((s) => Math.round(percentile(of(s), p))),
      })),
    };
  },
  'action-mix': (f) => {
    const days = [...groupBy(f.decisions, (d) => day(d.decidedAt))];
    return {
      kind: 'series',
      categories: days.map(([date]) => date),
      series: ['APPROVE', 'STEP_UP', 'DENY'].map((action) => ({
        name: action,
        values: days.map(([, rows]) => rows.filter((d) => d.action === action).length),
      })),
    };
  },
  'step-up-conversion': (f) => {
    const kpi = kpiDaily(f);
    return {
      kind: 'series',
      categories: kpi.map((k) => k.day),
      series: [{ name: 'step_up_conversion', values: kpi.map((k) => k.step_up_conversion) }],
    };
  },
  'policy-versions': (f) => ({
    kind: 'table',
    columns: ['policyId', 'policyVersion', 'decisions', 'approvals', 'step_ups', 'denials'],
    rows: [
      ...groupBy(f.decisions, (d) => `${d.policyId}\u0000${String(d.policyVersion)}`).values(),
    ].map((rows) => [
      rows[0]?.policyId ?? '',
      rows[0]?.policyVersion ?? 0,
      rows.length,
      ...['APPROVE', 'STEP_UP', 'DENY'].map((a) => rows.filter((d) => d.action === a).length),
    ]),
  }),
  latency: (f) => {
    const kpi = kpiDaily(f);
    return {
      kind: 'series',
      categories: kpi.map((k) => k.day),
      series: ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms'].map((name, i) => ({
        name,
        values: kpi.map((k) => k.latency[i] ?? 0),
      })),
    };
  },
  volume: (f) => {
    const kpi = kpiDaily(f);
    return {
      kind: 'series',
      categories: kpi.map((k) => k.day),
      series: [{ name: 'decisions', values: kpi.map((k) => k.decisions) }],
    };
  },
  'outcome-sources': (f) => {
    const outcomes = latestOutcomes(f);
    const sources = ['AUTH', 'BANK', '(no outcome)'];
    const source = (d: DecisionRow): string => outcomes.get(d.decisionId)?.source ?? '(no outcome)';
    return {
      kind: 'series',
      categories: sources,
      series: [
        {
          name: 'COUNT(decisionId)',
          values: sources.map((s) => f.decisions.filter((d) => source(d) === s).length),
        },
      ],
    };
  },
};
