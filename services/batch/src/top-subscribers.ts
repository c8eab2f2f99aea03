import type { RowResult } from './batch-result.ts';
import { byRisk } from './by-risk.ts';

/** The riskiest distinct subscribers: each appears once, with their riskiest row. */
export interface TopSubscribers {
  offer(result: RowResult): void;
  /** Riskiest first. */
  list(): readonly RowResult[];
}

/**
 * Keeps the `k` riskiest subscribers in a sorted array of at most `k` rows (k is small: the
 * report's top 20), so a file of many rows per subscriber still shows 20 different people. A row
 * that cannot beat the last kept one costs one comparison.
 */
export function createTopSubscribers(
  k: number,
  /** What is kept of a row that makes it in (say, a copy that holds on to less). */
  keep: (result: RowResult) => RowResult = (result) => result,
): TopSubscribers {
  const kept: RowResult[] = [];
  return {
    offer(result) {
      const last = kept[kept.length - 1];
      if (k <= 0 || (kept.length === k && last !== undefined && byRisk(result, last) >= 0)) {
        return;
      }
      const same = kept.findIndex((r) => r.subscriberId === result.subscriberId);
      if (same !== -1) {
        if (byRisk(result, kept[same] as RowResult) >= 0) {
          return;
        }
        kept.splice(same, 1);
      }
      const at = kept.findIndex((r) => byRisk(result, r) < 0);
      kept.splice(at === -1 ? kept.length : at, 0, keep(result));
      kept.length = Math.min(kept.length, k);
    },
    list: () => kept,
  };
}
