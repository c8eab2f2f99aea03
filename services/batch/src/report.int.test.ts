import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReport } from './report.ts';
import { launchChromium } from '@sentinel/kernel/testing';
import { HOSTILE_IDS, sampleSummary } from './testing/sample-summary.ts';

const summary = sampleSummary();

describe('report.html in headless Chromium', () => {
  let dir = '';
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-report-'));
    const path = join(dir, 'report.html');
    await writeFile(path, renderReport(summary));
    browser = await launchChromium();
    const context = await browser.newContext();
    // Everything but the file itself fails: the page must show all it has without a network.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) {
        await route.continue();
      } else {
        blocked.push(url);
        await route.abort('internetdisconnected');
      }
    });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(path).href);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });

  const visibleRows = () => page.locator('#rows tbody tr:not([hidden])');
  const visible = async (attribute: string) =>
    Promise.all(
      (await visibleRows().all()).map(async (row) => (await row.getAttribute(attribute)) ?? ''),
    );
  const shown = () => page.locator('#filter-count').textContent();

  beforeEach(async () => {
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-level', '');
    await page.selectOption('#filter-rule', '');
  });

  it('opens offline: one request (the file), nothing blocked, no script error, no CSP report', async () => {
    expect(requests).toEqual([page.url()]);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await expect(page.locator('svg.chart').count()).resolves.toBe(3);
    await expect(visibleRows().count()).resolves.toBe(50);
    await expect(shown()).resolves.toBe('50 of 50 rows');
  });

  it('shows hostile subscriber ids as text and runs none of them', async () => {
    const cells = await page.locator('#top tbody tr td:nth-child(2)').allTextContents();
    for (const id of HOSTILE_IDS.filter((id) =>
      summary.topSubscribers.some((r) => r.subscriberId === id),
    )) {
      expect(cells).toContain(id);
    }
    await expect(page.locator('main img').count()).resolves.toBe(0);
    await expect(page.locator('main script').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('filters the table by level', async () => {
    await page.selectOption('#filter-level', 'HIGH');
    const expected = summary.table.filter((r) => r.level === 'HIGH');
    expect(expected.length).toBeGreaterThan(0);
    await expect(visible('data-level')).resolves.toEqual(expected.map(() => 'HIGH'));
    await expect(visible('data-line')).resolves.toEqual(expected.map((r) => String(r.line)));
    await expect(shown()).resolves.toBe(`${expected.length} of 50 rows`);
  });

  it('filters the table by rule, and by text together with a level', async () => {
    await page.selectOption('#filter-rule', 'LOCATION_JUMP');
    const withRule = summary.table.filter((r) => r.rules.some((x) => x.code === 'LOCATION_JUMP'));
    await expect(visible('data-line')).resolves.toEqual(withRule.map((r) => String(r.line)));
    await page.selectOption('#filter-rule', '');

    await page.fill('#filter-text', '<script>');
    const scripted = summary.table.filter((r) => r.subscriberId.includes('<script>'));
    expect(scripted.length).toBeGreaterThan(0);
    await expect(visible('data-subscriber')).resolves.toEqual(scripted.map((r) => r.subscriberId));

    await page.fill('#filter-text', 'sub-00');
    await page.selectOption('#filter-level', 'MEDIUM');
    const medium = summary.table.filter(
      (r) => r.level === 'MEDIUM' && r.subscriberId.startsWith('SUB-00'),
    );
    expect(medium.length).toBeGreaterThan(0);
    await expect(visible('data-line')).resolves.toEqual(medium.map((r) => String(r.line)));

    await page.fill('#filter-text', 'no such subscriber');
    await expect(visibleRows().count()).resolves.toBe(0);
    await expect(shown()).resolves.toBe('0 of 50 rows');
  });

  it('sorts by a clicked column, ascending then descending', async () => {
    const lines = summary.table.map((r) => r.line).sort((a, b) => a - b);
    await page.click('#rows th[data-sort="line"]');
    await expect(visible('data-line')).resolves.toEqual(lines.map(String));
    await page.click('#rows th[data-sort="line"]');
    await expect(visible('data-line')).resolves.toEqual([...lines].reverse().map(String));
    await page.click('#rows th[data-sort="score"]');
    const scores = (await visible('data-score')).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
