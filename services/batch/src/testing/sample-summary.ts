import type { RiskLevel } from '@sentinel/engine';
import type { RowResult } from '../batch-result.ts';
import { createSummary, type BatchSummary } from '../summary.ts';

/** Subscriber ids a hostile or careless file could hold: each must render as plain text. */
export const HOSTILE_IDS = [
  '<script>alert("owned")</script>',
  '<img src=x onerror="alert(1)">',
  'O\'Brien & "Sons"',
] as const;

const RULES = [
  { code: 'SIM_SWAP_RECENT', weight: 20, message: 'SIM changed 5 h ago' },
  { code: 'DEVICE_CHANGE_AFTER_SIM_SWAP', weight: 25, message: 'New device; SIM changed 5 h ago' },
  {
    code: 'LOCATION_JUMP',
    weight: 15,
    message: '1262 km from the last known location, seen 3 h earlier',
  },
  {
    code: 'SMS_PATTERN_ANOMALY',
    weight: 10,
    message: '<b>85</b> SMS in 24 h against 4 on a usual day',
  },
] as const;

const levelOf = (score: number): RiskLevel =>
  score >= 61 ? 'HIGH' : score >= 31 ? 'MEDIUM' : 'LOW';

/**
 * 60 scored rows (20 LOW, 20 MEDIUM, 20 HIGH, three with hostile subscriber ids), two rejected
 * rows, labels on every row, and a table limit of 50 so that 10 rows are left out.
 */
export function sampleRows(): RowResult[] {
  return Array.from({ length: 60 }, (_, i) => {
    const score = i < 20 ? i : i < 40 ? 31 + i - 20 : 61 + (i - 40) * 2;
    const rules = RULES.filter((_, r) => (i + r) % 3 === 0);
    const hostile = HOSTILE_IDS[i % 20];
    return {
      line: i + 2,
      subscriberId:
        i % 20 < HOSTILE_IDS.length && hostile !== undefined
          ? hostile
          : `SUB-${String(i).padStart(4, '0')}`,
      score,
      level: levelOf(score),
      rules,
      label: score >= 50 ? 'swap-new-device' : 'legitimate',
    };
  });
}

export function sampleSummary(): BatchSummary {
  const summary = createSummary({ tableLimit: 50 });
  sampleRows().forEach((r) => {
    summary.addResult(r);
  });
  summary.addError({ line: 70, column: 'msisdn', message: 'not an E.164 number: <+27 82>' });
  summary.addError({ line: 71, column: null, message: 'the row has 25 cells; the header has 23' });
  return summary.finish({
    file: 'activity <2026-12-05>.csv',
    policy: { id: 'batch', version: 0, levels: { mediumFrom: 31, highFrom: 61 } },
    startedAt: new Date('2026-12-05T18:00:00Z'),
    durationMs: 4321,
  });
}
