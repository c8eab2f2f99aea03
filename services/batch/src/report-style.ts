import type { RiskLevel } from '@sentinel/engine';

/** One colour per level, shared by the badges, the cards and the charts. */
export const LEVEL_COLORS: Readonly<Record<RiskLevel, string>> = {
  LOW: '#15803d',
  MEDIUM: '#b45309',
  HIGH: '#dc2626',
  CRITICAL: '#7e22ce',
};

/** The report's stylesheet, inlined: the file opens offline, from a mail attachment or a share. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #fff;
  --bg: #f1f5f9; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background: #0f172a; color: #f8fafc; padding: 20px 32px; }
header.top h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; letter-spacing: .2px; }
header.top .meta { color: #cbd5e1; font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
header.top .meta b { color: #f8fafc; font-weight: 500; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 48px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 22px; margin: 0 0 20px; }
section h2 { font-size: 16px; margin: 0 0 4px; font-weight: 600; }
section p.note { color: var(--muted); margin: 0 0 14px; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; border-top: 4px solid var(--muted); }
.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
.card .share { color: var(--muted); font-size: 12px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 20px; }
.grid2 > section { margin: 0 0 20px; }
.chart { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); font-weight: 600;
  background: #f8fafc; }
.scroll th { position: sticky; top: 0; z-index: 1; }
td.num, th.num { text-align: right; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]::after { content: " ↕"; color: #cbd5e1; }
th[aria-sort="ascending"]::after { content: " ↑"; color: var(--accent); }
th[aria-sort="descending"]::after { content: " ↓"; color: var(--accent); }
tbody tr:hover { background: #f8fafc; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 650;
  letter-spacing: .4px; color: #fff; }
${Object.entries(LEVEL_COLORS)
  .map(
    ([level, color]) =>
      `.lv-${level} { background: ${color}; } .card.lv-${level} { background: #fff; border-top-color: ${color}; }`,
  )
  .join('\n')}
ul.reasons { margin: 0; padding-left: 18px; }
ul.reasons li { margin: 0 0 2px; }
code.rule { font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef2ff;
  color: #3730a3; padding: 0 5px; border-radius: 4px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 0 0 12px; }
.filters label { font-size: 12px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
.filters select, .filters input { font: inherit; padding: 5px 8px; border: 1px solid #cbd5e1; border-radius: 6px;
  background: #fff; color: var(--ink); }
.filters input { width: 240px; }
.filters output { margin-left: auto; color: var(--muted); font-size: 13px; }
.scroll { max-height: 640px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
.matrix td.num { min-width: 80px; }
.ok { color: #15803d; } .warn { color: #b45309; }
span.note { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
`;
