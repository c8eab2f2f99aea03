// npm run console:weight — the console's own weight and time, measured in headless Chromium:
// builds the console, serves it from an in-process risk-api (memory adapters, demo mode, the
// system clock) on loopback, then loads the demo page N times in fresh browser contexts (cold
// cache) and prints the compressed script bytes of the first load and the time until the page
// marks itself interactive (`console-ready`, after its data arrived). docs/console.md reports it.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildConsole, loadConsoleAssets } from '@sentinel/console';
import { systemClock } from '@sentinel/kernel';
import { launchChromium } from '@sentinel/kernel/testing';
import { aliceProfile, ALICE, memoryAdapters, testApi } from '@sentinel/risk-api/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 7);
const out = (line = '') => process.stdout.write(line + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const dir = await mkdtemp(join(tmpdir(), 'console-weight-'));
const built = await buildConsole({ outDir: dir });
const t = testApi({
  adapters: memoryAdapters(),
  clock: systemClock,
  demo: true,
  consoleAssets: loadConsoleAssets(dir),
});
await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
await t.call('PUT', '/demo/fixtures', {
  customers: [{ userId: ALICE.userId, name: 'Alice' }],
  snapshots: {},
});
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
await browser.close();
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
