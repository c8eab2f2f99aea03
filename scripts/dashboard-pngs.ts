// Renders every dashboard chart (docs/dashboards.md) to a PNG: the chart's data computed from the
// fixture, drawn as SVG, photographed by headless Chromium with every network request refused.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '@sentinel/kernel/testing';
import { CHART_DATA, chartSvg, DASHBOARDS, warehouseFixture } from '@sentinel/warehouse';

/** `<dashboard>--<chart>.png`, the name each chart's picture gets. */
export const chartPngName = (dashboard: string, chart: string): string =>
  `${dashboard}--${chart}.png`;

/** Writes one PNG per chart into `dir` and answers their paths. */
export async function renderDashboardPngs(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const fixture = warehouseFixture();
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 340 } });
    await page.route('**/*', (route) => route.abort());
    for (const dashboard of DASHBOARDS) {
      for (const chart of dashboard.charts) {
        const svg = chartSvg(chart, CHART_DATA[chart.id](fixture));
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
