// Draws the picture of every dashboard chart into docs/img/dashboards/ (or the directory given):
//   npm run dashboards:render [-- <dir>]
// The numbers come from a small fixture (packages/warehouse/src/dashboards/fixture.ts), computed
// in TypeScript as an approximation of each chart's view: illustrative, not measured.
import { resolve } from 'node:path';
import { stdout } from 'node:process';
import { renderDashboardPngs } from './dashboard-pngs.ts';
import { scriptArgs } from './script-args.ts';

const [dir = resolve(import.meta.dirname, '../docs/img/dashboards')] = scriptArgs(import.meta.url);
for (const path of await renderDashboardPngs(dir)) {
  stdout.write(`wrote ${path}\n`);
}
