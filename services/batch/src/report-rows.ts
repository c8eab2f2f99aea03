import { RISK_LEVELS } from '@sentinel/engine';
import type { RowResult } from './batch-result.ts';
import { escapeHtml, formatCount } from './html.ts';
import type { BatchSummary } from './summary.ts';

export const levelBadge = (level: string): string =>
  `<span class="badge lv-${escapeHtml(level)}">${escapeHtml(level)}</span>`;

/** The rules that fired on a row, highest weight first, each with its reason. */
export function reasonList(result: RowResult): string {
  if (result.rules.length === 0) {
    return '<span class="note">no rule fired</span>';
  }
  const items = result.rules.map(
    (r) =>
      `<li><code class="rule">${escapeHtml(r.code)}</code> +${formatCount(r.weight)} ${escapeHtml(r.message)}</li>`,
  );
  return `<ul class="reasons">${items.join('')}</ul>`;
}

/** The riskiest subscribers with everything that made them risky. */
export function topSubscribersSection(summary: BatchSummary): string {
  const rows = summary.topSubscribers.map(
    (r, i) =>
      `<tr><td class="num">${i + 1}</td><td>${escapeHtml(r.subscriberId)}</td>` +
      `<td class="num">${formatCount(r.score)}</td><td>${levelBadge(r.level)}</td>` +
      `<td class="num">${formatCount(r.line)}</td><td>${reasonList(r)}</td></tr>`,
  );
  return `<section id="top">
<h2>Top ${summary.topSubscribers.length} risky subscribers</h2>
<p class="note">Each subscriber once, with their riskiest row and the reasons the rules gave.</p>
<table><thead><tr><th class="num">#</th><th>Subscriber</th><th class="num">Score</th><th>Level</th><th class="num">Line</th><th>Reasons</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

/** The filterable, sortable table of the riskiest rows (the rest are in results.csv). */
export function rowsSection(summary: BatchSummary): string {
  const rows = summary.table.map((r) => {
    const codes = r.rules.map((rule) => rule.code).join(' ');
    return (
      `<tr data-line="${r.line}" data-score="${r.score}" data-level="${escapeHtml(r.level)}" ` +
      `data-subscriber="${escapeHtml(r.subscriberId)}" data-rules="${escapeHtml(codes)}">` +
      `<td class="num">${formatCount(r.line)}</td><td>${escapeHtml(r.subscriberId)}</td>` +
      `<td class="num">${formatCount(r.score)}</td><td>${levelBadge(r.level)}</td>` +
      `<td>${reasonList(r)}</td></tr>`
    );
  });
  const levelOptions = RISK_LEVELS.map((l) => `<option value="${l}">${l}</option>`).join('');
  const ruleOptions = summary.rules
    .map((r) => `<option value="${escapeHtml(r.code)}">${escapeHtml(r.code)}</option>`)
    .join('');
  const omitted =
    summary.tableOmitted === 0
      ? `All ${formatCount(summary.table.length)} scored rows.`
      : `The ${formatCount(summary.table.length)} riskiest rows; ${formatCount(summary.tableOmitted)} lower-scored rows are left out here (every row is in results.csv).`;
  return (
    `<section id="rows-section">
<h2>Rows</h2>
<p class="note">${omitted} Filter by level, rule or any text; click a column to sort.</p>
<div class="filters">
<label>Level <select id="filter-level"><option value="">all</option>${levelOptions}</select></label>
<label>Rule <select id="filter-rule"><option value="">any</option>${ruleOptions}</select></label>
<label>Search <input id="filter-text" type="search" placeholder="subscriber, reason…" autocomplete="off"></label>
<output id="filter-count" for="filter-level filter-rule filter-text">${formatCount(summary.table.length)} rows</output>
</div>
<div class="scroll"><table id="rows"><thead><tr><th class="num" data-sort="line">Line</th><th data-sort="subscriber">Subscriber</th>` +
    `<th class="num" data-sort="score" data-first="descending" aria-sort="descending">Score</th><th data-sort="level" data-first="descending">Level</th><th>Rules and reasons</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`
  );
}

/** Rejected rows: how many, and the first errors with where they are. */
export function errorsSection(summary: BatchSummary): string {
  if (summary.errorCount === 0) {
    return `<section id="errors"><h2>Rejected rows</h2><p class="note ok">None: every row was scored.</p></section>`;
  }
  const rows = summary.firstErrors.map(
    (e) =>
      `<tr><td class="num">${formatCount(e.line)}</td><td>${e.column === null ? '<span class="note">(row)</span>' : escapeHtml(e.column)}</td><td>${escapeHtml(e.message)}</td></tr>`,
  );
  const more = summary.errorCount - summary.firstErrors.length;
  return (
    `<section id="errors">
<h2>Rejected rows</h2>
<p class="note warn">${formatCount(summary.rowsRejected)} rows rejected with ${formatCount(summary.errorCount)} errors` +
    `${more > 0 ? `; the first ${formatCount(summary.firstErrors.length)} are below, all are in errors.csv` : '; all are in errors.csv'}.</p>
<table><thead><tr><th class="num">Line</th><th>Column</th><th>What is wrong</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`
  );
}
