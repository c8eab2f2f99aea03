import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyticsViews } from './analytics-views.ts';
import { keyOf } from './order.ts';
import {
  analyticsTables,
  duckDbWithViews,
  type DuckDbViews,
  FIXTURE,
  VIEW_NAMES,
  type ViewName,
} from './testing.ts';

// Every view, every row and column: the BigQuery SQL on DuckDB and the TypeScript functions
// the console uses give the same result on the fixture (same rows, same column names, same values).
const KEY: Record<ViewName, readonly string[]> = {
  decisions_dedup: ['tenantId', 'decisionId'],
  outcomes_latest: ['tenantId', 'decisionId'],
  escrow_latest: ['tenantId', 'escrowId'],
  decisions_enriched: ['tenantId', 'decisionId'],
  kpi_daily: ['tenantId', 'day', 'policyId', 'policyVersion'],
  action_mix_daily: ['tenantId', 'day', 'action'],
  top_reasons_daily: ['tenantId', 'day', 'code'],
  hold_outcomes_daily: ['tenantId', 'day', 'escrowStatus', 'escrowCause'],
};

let duckDb: DuckDbViews;
const inMemory = analyticsViews(analyticsTables(FIXTURE));

beforeAll(async () => {
  duckDb = await duckDbWithViews(FIXTURE);
});

afterAll(() => {
  duckDb.close();
});

/** The TypeScript row as DuckDB hands it back: Dates as RFC 3339 text. */
function comparable(row: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

function byKey(view: ViewName, rows: readonly Record<string, unknown>[]) {
  const key = (row: Record<string, unknown>) =>
    keyOf(...KEY[view].map((c) => row[c] as string | number | null));
  return new Map(rows.map((row) => [key(row), row]));
}

it.each(VIEW_NAMES)('%s: DuckDB and TypeScript agree row for row', async (view) => {
  const sql = byKey(view, await duckDb.view(view, KEY[view]));
  const ts = byKey(view, inMemory[view].map(comparable));
  expect([...ts.keys()].toSorted()).toEqual([...sql.keys()].toSorted());
  expect(sql.size).toBeGreaterThan(0);
  for (const [key, sqlRow] of sql) {
    const tsRow = ts.get(key) ?? {};
    expect(Object.keys(tsRow).toSorted(), key).toEqual(Object.keys(sqlRow).toSorted());
    for (const [column, value] of Object.entries(sqlRow)) {
      const mine = tsRow[column];
      if (typeof value === 'number') {
        expect(mine, `${key} ${column}`).toBeCloseTo(value, 9);
      } else if (typeof value === 'string' && typeof mine === 'object' && mine !== null) {
        expect(mine, `${key} ${column} (JSON)`).toEqual(JSON.parse(value)); // attributes
      } else {
        expect(mine, `${key} ${column}`).toEqual(value);
      }
    }
  }
});
