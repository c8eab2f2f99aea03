/** Latency summary of one run: percentiles by nearest rank, in milliseconds. */
export interface LatencySummary {
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly rps: number;
}

export function summarise(samplesMs: readonly number[], wallMs: number): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50Ms: r2(rank(50)),
    p95Ms: r2(rank(95)),
    p99Ms: r2(rank(99)),
    maxMs: r2(sorted.at(-1) ?? NaN),
    rps: Math.round((sorted.length / wallMs) * 1000),
  };
}
