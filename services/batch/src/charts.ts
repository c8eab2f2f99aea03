import { escapeHtml, formatCount } from './html.ts';

/** One bar: its label, value and fill (a CSS colour). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

const FONT = 'font-size="12" font-family="inherit"';

/**
 * A horizontal bar chart as inline SVG (drawn here, so the report needs no script or network to
 * show it): a label column, bars scaled to the largest value, the value at each bar's end.
 */
export function horizontalBars(title: string, bars: readonly Bar[]): string {
  const rowHeight = 26;
  const labelWidth = 240;
  const barSpace = 240;
  const width = labelWidth + barSpace + 60;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const length = bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * barSpace);
    const label = escapeHtml(bar.label);
    return (
      `<g><title>${label}: ${formatCount(bar.value)}</title>` +
      `<text x="${labelWidth - 10}" y="${y + 17}" text-anchor="end" ${FONT} fill="#334155">${label}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${length.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${escapeHtml(bar.color)}"/>` +
      `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 17}" ${FONT} fill="#0f172a">${formatCount(bar.value)}</text></g>`
    );
  });
  const empty =
    bars.length === 0
      ? `<text x="${labelWidth}" y="20" ${FONT} fill="#64748b">nothing to show</text>`
      : '';
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `${rows.join('')}${empty}</svg>`
  );
}

/**
 * A column chart as inline SVG (the score histogram): one column per bin, its count above it,
 * its range below, a baseline.
 */
/** A vertical line across a column chart at `at` columns from the left (3.1: a tenth into the 4th). */
export interface Marker {
  readonly at: number;
  readonly label: string;
  readonly color: string;
}

export function columns(
  title: string,
  bars: readonly Bar[],
  markers: readonly Marker[] = [],
): string {
  const columnWidth = 112;
  const plotHeight = 150;
  const top = 30;
  const width = bars.length * columnWidth + 20;
  const height = top + plotHeight + 30;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const marker = (m: Marker) => {
    const x = (10 + m.at * columnWidth).toFixed(1);
    const color = escapeHtml(m.color);
    return (
      `<line x1="${x}" x2="${x}" y1="${top - 4}" y2="${top + plotHeight}" stroke="${color}" stroke-dasharray="4 3"/>` +
      `<text x="${x}" y="${top - 8}" text-anchor="middle" ${FONT} fill="${color}">${escapeHtml(m.label)}</text>`
    );
  };
  const cols = bars.map((bar, i) => {
    const x = 10 + i * columnWidth;
    const h = bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * plotHeight);
    const y = top + plotHeight - h;
    const label = escapeHtml(bar.label);
    const centre = x + columnWidth / 2;
    return (
      `<g><title>${label}: ${formatCount(bar.value)}</title>` +
      `<rect x="${x + 12}" y="${y.toFixed(1)}" width="${columnWidth - 24}" height="${h.toFixed(1)}" rx="3" fill="${escapeHtml(bar.color)}"/>` +
      `<text x="${centre}" y="${(y - 6).toFixed(1)}" text-anchor="middle" ${FONT} fill="#0f172a">${formatCount(bar.value)}</text>` +
      `<text x="${centre}" y="${top + plotHeight + 18}" text-anchor="middle" ${FONT} fill="#334155">${label}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="10" x2="${width - 10}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#cbd5e1"/>` +
    `${cols.join('')}${markers.map(marker).join('')}</svg>`
  );
}
