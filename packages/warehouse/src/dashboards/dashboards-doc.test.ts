// docs/dashboards.md describes every chart of DASHBOARDS: its row (title, view, fields) and its picture.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS, dashboardViews, type DashboardSpec } from './dashboards.ts';

const DOCS = new URL('../../../../docs/', import.meta.url);
const doc = readFileSync(new URL('dashboards.md', DOCS), 'utf8');

describe('docs/dashboards.md', () => {
  it.each(DASHBOARDS.map((d): [string, DashboardSpec] => [d.id, d]))(
    '%s: every chart has its row and picture',
    (_id, dashboard) => {
      for (const chart of dashboard.charts) {
        const row = doc.split('\n').find((line) => line.startsWith(`| ${chart.title} |`));
        expect(row, chart.title).toBeDefined();
        for (const name of [chart.view, ...chart.dimensions, ...chart.metrics]) {
          expect(row, `${chart.title}: ${name}`).toContain(`\`${name}\``);
        }
        const picture = `img/dashboards/${dashboard.id}--${chart.id}.png`;
        expect(doc).toContain(`](${picture})`);
        expect(existsSync(new URL(picture, DOCS)), picture).toBe(true);
      }
    },
  );

  it.each(DASHBOARDS.map((d): [string, DashboardSpec] => [d.id, d]))(
    '%s: the data source aliases are listed in link order',
    (_id, dashboard) => {
      const aliases = dashboardViews(dashboard)
        .map((view, index) => `\`ds${String(index)}\` = \`${view}\``)
        .join(',? (?:and )?');
      expect(doc.replace(/\s+/g, ' ')).toMatch(new RegExp(aliases));
    },
  );
});
