import { RISK_LEVELS } from '@sentinel/engine';
import type { DetectionMetrics, LabelMetrics } from './metrics.ts';

/** 0.8765 → "87.7 %"; null (nothing to divide by) → "–". */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)} %`;
}

const formatMean = (value: number | null): string => (value === null ? '–' : value.toFixed(1));

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n');
}

const labelRow = (m: LabelMetrics): string[] => [
  m.label,
  String(m.rows),
  String(m.flagged),
  formatPercent(m.flaggedRate),
  formatMean(m.meanScore),
];

/**
 * Detection metrics as plain text for a terminal (what `npm run batch` prints for a labelled
 * file): per scenario recall, the legitimate false-positive rate, overall precision and recall,
 * then the confusion matrix of label × level.
 */
export function renderMetricsText(metrics: DetectionMetrics): string {
  const { overall } = metrics;
  const parts = [
    `Detection metrics (flagged = ${metrics.flagFrom} or higher; ${metrics.labelledRows} labelled rows)`,
    table([
      ['label', 'rows', 'flagged', 'recall / FPR', 'mean score'],
      ...metrics.scenarios.map(labelRow),
      labelRow({ ...metrics.legitimate, label: `${metrics.legitimate.label} (FPR)` }),
    ]),
    `  overall: precision ${formatPercent(overall.precision)}, recall ${formatPercent(overall.recall)}` +
      ` (TP ${overall.truePositives}, FP ${overall.falsePositives}, FN ${overall.falseNegatives}, TN ${overall.trueNegatives})`,
    '',
    'Confusion matrix (rows: label, columns: level)',
    table([
      ['label', ...RISK_LEVELS],
      ...metrics.confusion.labels.map((label, i) => [
        label,
        ...(metrics.confusion.counts[i] ?? []).map(String),
      ]),
    ]),
  ];
  return `${parts.join('\n')}\n`;
}
