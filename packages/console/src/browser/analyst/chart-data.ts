import { quantile, type DedupedDecision, type TopReasonsDaily } from '@sentinel/analytics';

export const ACTIONS = ['APPROVE', 'STEP_UP', 'DENY'] as const;
/** The charts show the last this many minutes that had decisions. */
const MAX_BUCKETS = 30;

export interface MinuteBuckets {
  /** `HH:MM` UTC of each minute with decisions, oldest first. */
  readonly labels: readonly string[];
  readonly actions: Readonly<Record<(typeof ACTIONS)[number], readonly number[]>>;
  /** Nearest-rank percentiles of latencyMs per minute (analytics' `quantile`). */
  readonly latency: {
    readonly p50: readonly (number | null)[];
    readonly p95: readonly (number | null)[];
    readonly p99: readonly (number | null)[];
  };
}

/** Decisions per UTC minute of decidedAt: the action mix and the latency percentiles. */
export function minuteBuckets(decisions: readonly DedupedDecision[]): MinuteBuckets {
  const byMinute = new Map<string, DedupedDecision[]>();
  for (const d of decisions) {
    const minute = d.decidedAt.toISOString().slice(0, 16);
    byMinute.set(minute, [...(byMinute.get(minute) ?? []), d]);
  }
  const minutes = [...byMinute.keys()].sort().slice(-MAX_BUCKETS);
  const rows = minutes.map((m) => byMinute.get(m) ?? []);
  const count = (action: string) => rows.map((r) => r.filter((d) => d.action === action).length);
  const latencies = rows.map((r) => r.map((d) => d.latencyMs));
  return {
    labels: minutes.map((m) => m.slice(11)),
    actions: { APPROVE: count('APPROVE'), STEP_UP: count('STEP_UP'), DENY: count('DENY') },
    latency: {
      p50: latencies.map((l) => quantile(l, 50)),
      p95: latencies.map((l) => quantile(l, 95)),
      p99: latencies.map((l) => quantile(l, 99)),
    },
  };
}

/** `top_reasons_daily` over the window's days, summed per code (counts add up), most first. */
export function topReasons(rows: readonly TopReasonsDaily[], limit = 8) {
  const sums = new Map<string, number>();
  for (const row of rows) {
    sums.set(row.code, (sums.get(row.code) ?? 0) + row.decisions);
  }
  return [...sums.entries()]
    .map(([code, decisions]) => ({ code, decisions }))
    .sort((a, b) => b.decisions - a.decisions || a.code.localeCompare(b.code))
    .slice(0, limit);
}
