// Draws the picture of every dashboard chart into docs/img/dashboards/ (or the directory given):
//   npm run dashboards:render [-- <dir>]
// The numbers are each chart's view (@sentinel/analytics, the views' definitions) over a small
// seeded fixture (packages/warehouse/src/dashboards/fixture.ts): illustrative traffic, not measured.
import { resolve } from 'node:path';
import { stdout } from 'node:process';
import { renderDashboardPngs } from './dashboard-pngs.ts';
import { scriptArgs } from './script-args.ts';

const [dir = resolve(import.meta.dirname, '../docs/img/dashboards')] = scriptArgs(import.meta.url);
for (const path of await renderDashboardPngs(dir)) {
  stdout.write(`wrote ${path}\n`);
}
