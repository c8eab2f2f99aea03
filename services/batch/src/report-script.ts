/**
 * The report's only script, inlined (and allowed by its hash in the page's CSP): filters the rows
 * table by level, rule and text, and sorts it by a clicked column (first click ascending, riskiest first for score and level). It reads the data attributes
 * the server wrote and never builds HTML from data, so nothing in a cell can run.
 */
export const REPORT_SCRIPT = `
(() => {
  const table = document.getElementById('rows');
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const text = new Map(rows.map((r) => [r, r.textContent.toLowerCase()]));
  const level = document.getElementById('filter-level');
  const rule = document.getElementById('filter-rule');
  const search = document.getElementById('filter-text');
  const count = document.getElementById('filter-count');
  const apply = () => {
    const wantLevel = level.value;
    const wantRule = rule.value;
    const needle = search.value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const ok = (wantLevel === '' || r.dataset.level === wantLevel) &&
        (wantRule === '' || r.dataset.rules.split(' ').includes(wantRule)) &&
        (needle === '' || text.get(r).includes(needle));
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.value = shown + ' of ' + rows.length + ' rows';
  };
  level.addEventListener('change', apply);
  rule.addEventListener('change', apply);
  search.addEventListener('input', apply);
  const rank = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };
  const keyOf = {
    line: (r) => Number(r.dataset.line),
    subscriber: (r) => r.dataset.subscriber,
    score: (r) => Number(r.dataset.score) * 10 + rank[r.dataset.level],
    level: (r) => rank[r.dataset.level] * 1000 + Number(r.dataset.score),
  };
  for (const th of table.tHead.querySelectorAll('th[data-sort]')) {
    th.addEventListener('click', () => {
      const key = keyOf[th.dataset.sort];
      const now = th.getAttribute('aria-sort');
      const next = now === 'ascending' ? 'descending' : now === 'descending' ? 'ascending' : th.dataset.first || 'ascending';
      const dir = next === 'ascending' ? 1 : -1;
      for (const other of table.tHead.querySelectorAll('th[data-sort]')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', next);
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : Number(a.dataset.line) - Number(b.dataset.line)) * dir;
      });
      body.append(...sorted);
    });
  }
  apply();
})();
`;
