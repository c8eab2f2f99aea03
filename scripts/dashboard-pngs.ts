// Renders every dashboard chart (docs/dashboards.md) to a PNG: the views computed over the fixture
// by @sentinel/analytics, the chart's fields selected as Looker Studio would for one tenant, drawn
// as SVG, photographed by headless Chromium with every network request refused.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '@sentinel/kernel/testing';
import { analyticsViews } from '@sentinel/analytics';
import { chartData, chartSvg, DASHBOARDS, warehouseFixture } from '@sentinel/warehouse';

/** The pictures show one bank's report: its tenantId control set, as a bank sees it. */
export const PICTURE_TENANT = 'bank-a';

/** `<dashboard>--<chart>.png`, the name each chart's picture gets. */
export const chartPngName = (dashboard: string, chart: string): string =>
  `${dashboard}--${chart}.png`;

/** Writes one PNG per chart into `dir` and answers their paths. */
export async function renderDashboardPngs(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const views = analyticsViews(warehouseFixture());
  const caption = `fixture data, tenantId = ${PICTURE_TENANT}`;
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 340 } });
    await page.route('**/*', (route) => route.abort());
    for (const dashboard of DASHBOARDS) {
      for (const chart of dashboard.charts) {
        const svg = chartSvg(chart, chartData(chart, views, PICTURE_TENANT), caption);
        await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
        const path = join(dir, chartPngName(dashboard.id, chart.id));
        await page.locator('svg').screenshot({ path });
        written.push(path);
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}
