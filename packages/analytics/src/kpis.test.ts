import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsViews } from './analytics-views.ts';
import { analyticsTables, duckDbWithViews, type DuckDbViews, FIXTURE } from './testing.ts';

// The fixture (testing/fixture.ts has the table of its 16 decisions). Per decision, by hand:
//            blocked  fraud  legitimate  stepUpEnded  stepUpPassed
//   a1       -        -      yes (label) -            -
//   a2       -        yes    -           -            -            (chargeback got through)
//   a3       yes      yes    -           -            -
//   a4       -        -      yes (pass)  yes          yes          (stepped up: friction)
//   a5       yes      yes    -           yes          -            (FAILED, then CONFIRMED_FRAUD)
//   a6       -        -      yes (pass)  yes          yes          (hold RELEASED: got through)
//   a7       yes      -      yes (label) -            -            (DENY of a legitimate payment)
//   a8       yes      -      -           yes          -            (hold EXPIRED)
//   a9       yes      -      -           yes          -            (step-up EXPIRED)
//   a10      yes      -      -           -            -            (no result yet)
//   a11      -        -      -           -            -
//   a12      yes      -      -           -            -            (still HELD)
//   a13      yes      yes    -           yes          -            (hold REVERSED)
//   b1       -        -      yes (label) -            -
//   b2       yes      -      -           -            -
//   b3       -        yes    -           yes          yes          (label CHARGEBACK beats the pass)
const EXPECTED_KPI_DAILY = [
  {
    ...group('bank-a', '2026-12-01', 1),
    decisions: 7, // a1..a7; a1 twice on the topic, once here
    approvals: 2, // a1, a2
    step_ups: 3, // a4, a5, a6
    denials: 2, // a3, a7
    fraud_blocked_per_10k: (10_000 * 2) / 7, // a3, a5 blocked and fraud = 2857.14…
    step_up_conversion: 2 / 3, // passed a4, a6 / ended a4, a5, a6
    false_positive_rate: 3 / 4, // a4, a6 (stepped up), a7 (denied) / legitimate a1, a4, a6, a7
    latency_p50_ms: 40, // 10 20 30 40 50 60 70: rank ceil(7 × 0.50) = 4 → 40 (30 with a1 twice)
    latency_p95_ms: 70, // rank ceil(7 × 0.95) = 7
    latency_p99_ms: 70, // rank ceil(7 × 0.99) = 7
  },
  {
    ...group('bank-a', '2026-12-01', 2),
    decisions: 3, // a8, a9, a10
    approvals: 0,
    step_ups: 3,
    denials: 0,
    fraud_blocked_per_10k: 0, // no labels: unlabelled is not fraud
    step_up_conversion: 0, // 0 passed / ended a8 (hold expired), a9 (expired); a10 still open
    false_positive_rate: null, // no legitimate payment: nothing to divide by
    latency_p50_ms: 25, // 15 25 35: rank ceil(1.5) = 2
    latency_p95_ms: 35,
    latency_p99_ms: 35,
  },
  {
    ...group('bank-a', '2026-12-02', 2),
    decisions: 3, // a11, a12, a13
    approvals: 1,
    step_ups: 2,
    denials: 0,
    fraud_blocked_per_10k: 10_000 / 3, // a13 = 3333.33…; a5's label came on 12-02 but counts on 12-01
    step_up_conversion: 0, // 0 passed / ended a13 (reversed); a12 still HELD
    false_positive_rate: null,
    latency_p50_ms: 22, // 12 22 32
    latency_p95_ms: 32,
    latency_p99_ms: 32,
  },
  {
    ...group('bank-b', '2026-12-01', 1), // b1's tenant comes from clientId (tenantId NULL)
    decisions: 3,
    approvals: 1,
    step_ups: 1,
    denials: 1,
    fraud_blocked_per_10k: 0, // b3 is fraud but went through; b2 blocked but unlabelled
    step_up_conversion: 1, // b3 passed (source NULL read as AUTH) / b3 ended
    false_positive_rate: 0, // 0 / legitimate b1 (approved)
    latency_p50_ms: 18, // 8 18 28
    latency_p95_ms: 28,
    latency_p99_ms: 28,
  },
];

const EXPECTED_ACTION_MIX = [
  ['bank-a', '2026-12-01', 'APPROVE', 2],
  ['bank-a', '2026-12-01', 'DENY', 2],
  ['bank-a', '2026-12-01', 'STEP_UP', 6], // a4 a5 a6 (v1) + a8 a9 a10 (v2)
  ['bank-a', '2026-12-02', 'APPROVE', 1],
  ['bank-a', '2026-12-02', 'STEP_UP', 2],
  ['bank-b', '2026-12-01', 'APPROVE', 1],
  ['bank-b', '2026-12-01', 'DENY', 1],
  ['bank-b', '2026-12-01', 'STEP_UP', 1],
].map(([tenantId, day, action, decisions]) => ({ tenantId, day, action, decisions }));

const EXPECTED_TOP_REASONS = [
  ['bank-a', '2026-12-01', 'HIGH_AMOUNT', 1], // a5
  ['bank-a', '2026-12-01', 'NEW_DEVICE', 3], // a3 a4 a5
  ['bank-a', '2026-12-01', 'SIM_SWAP_RECENT', 2], // a3 a7
  ['bank-a', '2026-12-01', 'TELCO_SIGNAL_STALE', 3], // a8 a9 a10
  ['bank-a', '2026-12-01', 'TELCO_SIGNAL_UNAVAILABLE', 1], // a6
  ['bank-a', '2026-12-02', 'NO_SAFE_STEP_UP', 1], // a13
  ['bank-a', '2026-12-02', 'TELCO_SIGNAL_UNAVAILABLE', 2], // a12 a13
  ['bank-b', '2026-12-01', 'FLEET_ANOMALY', 1], // b2
  ['bank-b', '2026-12-01', 'NEW_DEVICE', 1], // b3
].map(([tenantId, day, code, decisions]) => ({ tenantId, day, code, decisions }));

const EXPECTED_HOLD_OUTCOMES = [
  ['bank-a', '2026-12-01', 'EXPIRED', 'HOLD_EXPIRED', 1, 86_400, 86_400], // a8: 24 h
  ['bank-a', '2026-12-01', 'RELEASED', 'VERIFIED', 1, 3600, 3600], // a6: 1 h
  ['bank-a', '2026-12-02', 'HELD', null, 1, null, null], // a12: not ended, no duration
  ['bank-a', '2026-12-02', 'REVERSED', 'CONFIRMED_FRAUD', 1, 1800, 1800], // a13: 30 min
].map(([tenantId, day, escrowStatus, escrowCause, holds, p50, p95]) => ({
  tenantId,
  day,
  escrowStatus,
  escrowCause,
  holds,
  hold_seconds_p50: p50,
  hold_seconds_p95: p95,
}));

function group(tenantId: string, day: string, policyVersion: number) {
  return { tenantId, day, policyId: 'default', policyVersion };
}

const ORDER = {
  kpi_daily: ['tenantId', 'day', 'policyId', 'policyVersion'],
  action_mix_daily: ['tenantId', 'day', 'action'],
  top_reasons_daily: ['tenantId', 'day', 'code'],
  hold_outcomes_daily: ['tenantId', 'day', 'escrowStatus', 'escrowCause'],
} as const;

type KpiView = keyof typeof ORDER;

const EXPECTED: Record<KpiView, Record<string, unknown>[]> = {
  kpi_daily: EXPECTED_KPI_DAILY,
  action_mix_daily: EXPECTED_ACTION_MIX,
  top_reasons_daily: EXPECTED_TOP_REASONS,
  hold_outcomes_daily: EXPECTED_HOLD_OUTCOMES,
};

/** Sorted like the SQL `ORDER BY` of {@link ORDER} (NULLs first). */
function sorted(view: KpiView, rows: readonly object[]): Record<string, unknown>[] {
  const columns = ORDER[view];
  const text = (row: Record<string, unknown>) =>
    columns.map((c) => (row[c] === null ? '' : String(row[c] as string | number))).join('\u0000');
  return (rows as Record<string, unknown>[]).toSorted((a, b) => text(a).localeCompare(text(b)));
}

/** Exact for counts, to 1e-9 for rates (floating point may differ in the last bits). */
function expectRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, i) => {
    const shape = Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? expect.closeTo(v, 9) : v]),
    );
    expect(actual[i]).toEqual(shape);
  });
}

let duckDb: DuckDbViews;
const inMemory = analyticsViews(analyticsTables(FIXTURE));

beforeAll(async () => {
  duckDb = await duckDbWithViews(FIXTURE);
});

afterAll(() => {
  duckDb.close();
});

describe.each(Object.keys(ORDER) as KpiView[])('%s: the numbers worked out by hand', (view) => {
  it('the BigQuery view, run on DuckDB', async () => {
    expectRows(await duckDb.view(view, ORDER[view]), EXPECTED[view]);
  });

  it('the TypeScript KPIs', () => {
    expectRows(sorted(view, inMemory[view]), EXPECTED[view]);
  });
});

describe('the base views: deduplication and "latest", by hand', () => {
  async function engines() {
    return [
      ['DuckDB', (await duckDb.query(BASE_FACTS_SQL))[0]],
      ['TypeScript', baseFacts()],
    ] as const;
  }

  it('both engines keep the first delivery and the latest outcome and hold state', async () => {
    for (const [engine, facts] of await engines()) {
      expect(facts, engine).toEqual({
        decisions: 16, // 17 rows, a1 delivered twice
        a1Message: 'm001', // the earlier publish of a1
        a5: ['CONFIRMED_FRAUD', 'FAILED', 'CONFIRMED_FRAUD'], // latest, step-up, label
        b3: ['BANK', 'PASSED', 'CHARGEBACK'], // v1 PASSED (source NULL → AUTH), then the bank
        e6: ['RELEASED', '2'], // the terminal event, though published first
        e12: ['HELD', 'm205'], // escrow.held twice: the first delivery
      });
    }
  });
});

const BASE_FACTS_SQL = `
  SELECT
    (SELECT COUNT(*) FROM sentinel.decisions_dedup) AS decisions,
    (SELECT message_id FROM sentinel.decisions_dedup WHERE decisionId = 'a1') AS a1Message,
    (SELECT [status, stepUpStatus, label] FROM sentinel.outcomes_latest WHERE decisionId = 'a5') AS a5,
    (SELECT [source, stepUpStatus, label] FROM sentinel.outcomes_latest WHERE decisionId = 'b3') AS b3,
    (SELECT [status, CAST(sequence AS VARCHAR)] FROM sentinel.escrow_latest WHERE escrowId = 'e6') AS e6,
    (SELECT [status, message_id] FROM sentinel.escrow_latest WHERE escrowId = 'e12') AS e12`;

function baseFacts() {
  const outcome = (id: string) => inMemory.outcomes_latest.find((o) => o.decisionId === id);
  const hold = (id: string) => inMemory.escrow_latest.find((e) => e.escrowId === id);
  const a5 = outcome('a5');
  const b3 = outcome('b3');
  return {
    decisions: inMemory.decisions_dedup.length,
    a1Message: inMemory.decisions_dedup.find((d) => d.decisionId === 'a1')?.message_id,
    a5: [a5?.status, a5?.stepUpStatus, a5?.label],
    b3: [b3?.source, b3?.stepUpStatus, b3?.label],
    e6: [hold('e6')?.status, String(hold('e6')?.sequence)],
    e12: [hold('e12')?.status, hold('e12')?.message_id],
  };
}
