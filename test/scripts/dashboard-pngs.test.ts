// npm run dashboards:render: one small PNG per dashboard chart, drawn by headless Chromium.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DASHBOARDS } from '@sentinel/warehouse';
import { afterAll, describe, expect, it } from 'vitest';
import { chartPngName, renderDashboardPngs } from '../../scripts/dashboard-pngs.ts';

const dir = mkdtempSync(join(tmpdir(), 'dashboards-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('renderDashboardPngs', () => {
  it('writes one PNG under 60 kB per chart', { timeout: 20_000 }, async () => {
    await renderDashboardPngs(dir);

    const expected = DASHBOARDS.flatMap((d) => d.charts.map((c) => chartPngName(d.id, c.id)));
    expect(readdirSync(dir).sort()).toEqual([...expected].sort());
    for (const name of expected) {
      const png = readFileSync(join(dir, name));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(640); // IHDR width
      expect(png.length).toBeLessThan(60_000);
    }
  });
});
