// Takes the picture of a batch report for docs/batch.md: a PNG of the top of report.html (levels,
// charts, detection metrics, the first risky subscribers) in headless Chromium, with every
// network request failed, so the picture shows what the file shows offline.
//
//   node scripts/node24.mjs scripts/batch-report-screenshot.ts <report.html> <out.png> [height]
import { resolve } from 'node:path';
import { argv, exit, stderr } from 'node:process';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '@sentinel/kernel/testing';

const [report, out, height = '1900'] = argv.slice(2);
if (report === undefined || out === undefined) {
  stderr.write('usage: batch-report-screenshot.ts <report.html> <out.png> [height]\n');
  exit(2);
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(resolve(report)).href);
  await page.screenshot({
    path: out,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: Number(height) },
  });
  stderr.write(`batch-report-screenshot: ${out}\n`);
} finally {
  await browser.close();
}
