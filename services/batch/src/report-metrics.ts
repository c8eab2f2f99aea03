import { RISK_LEVELS } from '@sentinel/engine';
import { escapeHtml, formatCount } from './html.ts';
import type { DetectionMetrics, LabelMetrics } from './metrics.ts';
import { formatPercent } from './metrics-text.ts';

const mean = (value: number | null): string => (value === null ? '–' : value.toFixed(1));

function labelRow(m: LabelMetrics, note: string): string {
  return (
    `<tr><td>${escapeHtml(m.label)}${note}</td><td class="num">${formatCount(m.rows)}</td>` +
    `<td class="num">${formatCount(m.flagged)}</td><td class="num">${formatPercent(m.flaggedRate)}</td>` +
    `<td class="num">${mean(m.meanScore)}</td></tr>`
  );
}

/** Detection metrics of a labelled file: per label, overall, and the confusion matrix. */
export function metricsSection(metrics: DetectionMetrics | null): string {
  if (metrics === null) {
    return '';
  }
  const { overall, confusion } = metrics;
  const matrix = confusion.labels.map((label, i) => {
    const counts = confusion.counts[i] ?? [];
    const total = counts.reduce((sum, n) => sum + n, 0);
    const cells = counts.map((n) => {
      const alpha = total === 0 ? 0 : (0.08 + 0.6 * (n / total)).toFixed(2);
      return `<td class="num" style="background: rgba(29, 78, 216, ${alpha})">${formatCount(n)}</td>`;
    });
    return `<tr><td>${escapeHtml(label)}</td>${cells.join('')}</tr>`;
  });
  return `<section id="metrics">
<h2>Detection metrics</h2>
<p class="note">From the file's <code>label</code> column (${formatCount(metrics.labelledRows)} labelled rows). A row is flagged at ${metrics.flagFrom} or higher.
Precision <b>${formatPercent(overall.precision)}</b>, recall <b>${formatPercent(overall.recall)}</b>
(TP ${formatCount(overall.truePositives)}, FP ${formatCount(overall.falsePositives)}, FN ${formatCount(overall.falseNegatives)}, TN ${formatCount(overall.trueNegatives)}).</p>
<div class="grid2">
<div><table><thead><tr><th>Label</th><th class="num">Rows</th><th class="num">Flagged</th><th class="num">Recall / FPR</th><th class="num">Mean score</th></tr></thead>
<tbody>${metrics.scenarios.map((m) => labelRow(m, '')).join('\n')}
${labelRow(metrics.legitimate, ' <span class="note">(false positives)</span>')}</tbody></table></div>
<div><table class="matrix"><thead><tr><th>Label × level</th>${RISK_LEVELS.map((l) => `<th class="num">${l}</th>`).join('')}</tr></thead>
<tbody>${matrix.join('\n')}</tbody></table></div>
</div>
</section>`;
}
