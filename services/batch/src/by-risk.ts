import { RISK_LEVELS } from '@sentinel/engine';
import type { RowResult } from './batch-result.ts';

const LEVEL_RANK = new Map<string, number>(RISK_LEVELS.map((level, rank) => [level, rank]));

/**
 * Riskiest first: higher score, then higher level (a hard rule's CRITICAL above HIGH at the same
 * score), then the earlier line, so equal rows keep file order and every run ranks alike.
 */
export function byRisk(a: RowResult, b: RowResult): number {
  return (
    b.score - a.score ||
    (LEVEL_RANK.get(b.level) ?? 0) - (LEVEL_RANK.get(a.level) ?? 0) ||
    a.line - b.line
  );
}
