// npm run console:weight — the console's own weight and time, measured in headless Chromium:
// builds the console, serves it from an in-process risk-api (memory adapters, demo mode, the
// system clock) on loopback, then loads the demo page N times in fresh browser contexts (cold
// cache) and prints the compressed script bytes of the first load and the time until the page
// marks itself interactive (`console-ready`, after its data arrived); then holds the analyst view
// open and times N payments from their request to their row in the live feed (the 2 s bound of
// issue 15: a measurement, so here and not in a test). docs/console.md reports it.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildConsole, loadConsoleAssets } from '@sentinel/console';
import { systemClock } from '@sentinel/kernel';
import { launchChromium } from '@sentinel/kernel/testing';
import {
  aliceProfile,
  alicePayment,
  ALICE,
  memoryAdapters,
  memoryFeedSource,
  testApi,
} from '@sentinel/risk-api/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 7);
const out = (line = '') => process.stdout.write(line + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const dir = await mkdtemp(join(tmpdir(), 'console-weight-'));
const built = await buildConsole({ outDir: dir });
const adapters = memoryAdapters();
const t = testApi({
  adapters: {
    ...adapters,
    consoleFeed: memoryFeedSource({
      decisions: adapters.publisher,
      outcomes: adapters.outcomePublisher,
    }),
  },
  clock: systemClock,
  demo: true,
  consoleAssets: loadConsoleAssets(dir),
});
await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
await t.call('PUT', '/demo/fixtures', {
  customers: [{ userId: ALICE.userId, name: 'Alice' }],
  snapshots: {},
});
await t.api.start();
const server = serve({ fetch: t.api.app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const origin = `http://localhost:${(server.address() as AddressInfo).port}`;

const browser = await launchChromium();
const runs: { bytes: number; files: number; readyMs: number; dclMs: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/console/demo`);
  await page.locator('html[data-ready="true"]').waitFor();
  runs.push(
    await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => (e as unknown as { encodedBodySize: number }).encodedBodySize);
      // The page's Performance (DOM), not Node's: this runs in the browser.
      const dom = performance as unknown as { getEntriesByType(type: string): unknown[] };
      const nav = dom.getEntriesByType('navigation')[0] as { domContentLoadedEventEnd: number };
      return {
        bytes: scripts.reduce((sum, b) => sum + b, 0),
        files: scripts.length,
        readyMs: performance.getEntriesByName('console-ready')[0]?.startTime ?? NaN,
        dclMs: nav.domContentLoadedEventEnd,
      };
    }),
  );
  await context.close();
}

// The analyst view's live feed: from a payment's request to its row on the page.
const analyst = await (await browser.newContext()).newPage();
await analyst.goto(`${origin}/console/analyst`);
await analyst.locator('#feed-status', { hasText: 'live' }).waitFor();
const feedMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const paid = performance.now();
  const answer = await t.call<{ decisionId: string }>('POST', '/v1/assess-payment', alicePayment());
  if (answer.status !== 200) {
    throw new Error(`assess-payment answered ${answer.status}`);
  }
  await analyst.locator(`tr[data-decision-id="${answer.body.decisionId}"]`).waitFor();
  feedMs.push(performance.now() - paid);
}
await browser.close();
await t.api.stop();
await new Promise((resolve) => server.close(resolve));
await rm(dir, { recursive: true, force: true });

out('Console build (gzip as served):');
for (const asset of built) {
  out(
    `  ${asset.path.padEnd(34)} ${String(asset.bytes).padStart(8)} B  gzip ${String(asset.gzipBytes).padStart(7)} B`,
  );
}
const first = runs[0];
out('');
out(`Demo page, ${RUNS} cold loads on loopback (headless Chromium):`);
out(
  `  compressed script of the first load: ${first?.bytes ?? NaN} B in ${first?.files ?? 0} files (target < 300 KB)`,
);
out(`  DOMContentLoaded median ${median(runs.map((r) => r.dclMs)).toFixed(0)} ms`);
out(
  `  interactive (console-ready, data loaded) median ${median(runs.map((r) => r.readyMs)).toFixed(0)} ms, ` +
    `max ${Math.max(...runs.map((r) => r.readyMs)).toFixed(0)} ms (target < 1 s)`,
);
out('');
out(`Analyst view, ${RUNS} payments through the API on loopback:`);
out(
  `  from the request to its row in the live feed: median ${median(feedMs).toFixed(0)} ms, ` +
    `max ${Math.max(...feedMs).toFixed(0)} ms (target < 2 s)`,
);
