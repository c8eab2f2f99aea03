import { RISK_LEVELS, type RiskLevel } from '@sentinel/engine';
import type { RowResult } from './batch-result.ts';
import { detachString } from './detach.ts';
import { LEGITIMATE, SCENARIOS } from './scenarios.ts';

/** One labelled group of rows: a scenario (all attacks) or the legitimate subscribers. */
export interface LabelMetrics {
  readonly label: string;
  readonly rows: number;
  /** Rows at `flagFrom` or above. */
  readonly flagged: number;
  /** flagged ÷ rows: recall for a scenario, the false-positive rate for `legitimate`. */
  readonly flaggedRate: number | null;
  readonly meanScore: number | null;
}

/** How well the scores separate the labels of a backtesting file. */
export interface DetectionMetrics {
  /** A row is "flagged" when its level is this or higher (default MEDIUM). */
  readonly flagFrom: RiskLevel;
  readonly labelledRows: number;
  /** The five known scenarios first (those present), then any other attack label. */
  readonly scenarios: readonly LabelMetrics[];
  readonly legitimate: LabelMetrics;
  /** Every label but `legitimate` is an attack: TP = flagged attacks, FP = flagged legitimate. */
  readonly overall: {
    readonly truePositives: number;
    readonly falsePositives: number;
    readonly falseNegatives: number;
    readonly trueNegatives: number;
    readonly precision: number | null;
    readonly recall: number | null;
  };
  /** Rows per label (rows, in `labels` order) and level (columns, in RISK_LEVELS order). */
  readonly confusion: { readonly labels: readonly string[]; readonly counts: readonly number[][] };
}

export interface DetectionMetricsAccumulator {
  add(result: RowResult): void;
  /** Null when no row carried a label. */
  finish(): DetectionMetrics | null;
}

/** Labels beyond this many distinct ones are pooled, so a malformed label column stays bounded. */
const MAX_LABELS = 50;
export const OTHER_LABELS = '(other labels)';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Accumulates labelled rows (a label × level count and a score sum per label: bounded memory) and
 * computes per-scenario recall, the legitimate false-positive rate, overall precision and recall,
 * and the confusion matrix. `flagFrom`: the lowest level counted as flagged (default MEDIUM: a
 * MEDIUM row already gets a step-up or a review under the batch bands).
 */
export function createDetectionMetrics(
  flagFrom: RiskLevel = 'MEDIUM',
): DetectionMetricsAccumulator {
  const flagIndex = RISK_LEVELS.indexOf(flagFrom);
  const byLabel = new Map<string, { levels: number[]; scoreSum: number }>();
  return {
    add(result) {
      const raw = result.label?.trim();
      if (raw === undefined || raw === '') {
        return;
      }
      const label = byLabel.has(raw) || byLabel.size < MAX_LABELS ? raw : OTHER_LABELS;
      let entry = byLabel.get(label);
      if (entry === undefined) {
        entry = { levels: RISK_LEVELS.map(() => 0), scoreSum: 0 };
        byLabel.set(detachString(label), entry); // a key outlives the row: see detachString
      }
      const level = RISK_LEVELS.indexOf(result.level);
      entry.levels[level] = (entry.levels[level] ?? 0) + 1;
      entry.scoreSum += result.score;
    },
    finish() {
      if (byLabel.size === 0) {
        return null;
      }
      const known: string[] = SCENARIOS.map((s) => s.id);
      const labels = [
        LEGITIMATE,
        ...known.filter((id) => byLabel.has(id)),
        ...[...byLabel.keys()].filter((l) => l !== LEGITIMATE && !known.includes(l)).sort(),
      ];
      const metricsOf = (label: string): LabelMetrics => {
        const entry = byLabel.get(label);
        const levels = entry?.levels ?? [];
        const rows = levels.reduce((sum, n) => sum + n, 0);
        const flagged = levels.slice(flagIndex).reduce((sum, n) => sum + n, 0);
        return {
          label,
          rows,
          flagged,
          flaggedRate: ratio(flagged, rows),
          meanScore: ratio(entry?.scoreSum ?? 0, rows),
        };
      };
      const legitimate = metricsOf(LEGITIMATE);
      const scenarios = labels.slice(1).map(metricsOf);
      const attacks = scenarios.reduce((sum, s) => sum + s.rows, 0);
      const truePositives = scenarios.reduce((sum, s) => sum + s.flagged, 0);
      const falsePositives = legitimate.flagged;
      return {
        flagFrom,
        labelledRows: attacks + legitimate.rows,
        scenarios,
        legitimate,
        overall: {
          truePositives,
          falsePositives,
          falseNegatives: attacks - truePositives,
          trueNegatives: legitimate.rows - falsePositives,
          precision: ratio(truePositives, truePositives + falsePositives),
          recall: ratio(truePositives, attacks),
        },
        confusion: {
          labels,
          counts: labels.map((l) => byLabel.get(l)?.levels ?? RISK_LEVELS.map(() => 0)),
        },
      };
    },
  };
}
