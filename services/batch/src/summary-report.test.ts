import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSummaryReport } from './summary-report.ts';
import { sampleRows } from './testing/sample-summary.ts';

const clock = { now: () => new Date('2026-12-06T05:00:00Z') };
const policy = { id: 'batch', version: 0 };

describe('createSummaryReport', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-summary-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes report.html into the output directory and prints the metrics of a labelled file', async () => {
    const printed: string[] = [];
    const report = createSummaryReport({ policy, clock, print: (text) => printed.push(text) });
    sampleRows().forEach((row) => {
      report.addResult(row);
    });
    report.addError({ line: 99, column: 'as_of', message: 'not a date-time' });
    await report.finish({ file: '/data/in/activity.csv', outDir: dir, durationMs: 1500 });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('File <b>activity.csv</b>');
    expect(html).toContain('Started <b>2026-12-06T05:00:00Z</b>');
    expect(html).toContain('1 rows rejected with 1 errors');
    expect(html).toContain('id="metrics"');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(
      'Detection metrics (flagged = MEDIUM or higher; 60 labelled rows)',
    );
  });

  it('prints nothing for an unlabelled file', async () => {
    const printed: string[] = [];
    const report = createSummaryReport({ policy, clock, print: (text) => printed.push(text) });
    report.addResult({ line: 2, subscriberId: 'SUB-1', score: 20, level: 'LOW', rules: [] });
    await report.finish({ file: 'a.csv', outDir: dir, durationMs: 1 });
    expect(printed).toEqual([]);
    await expect(readFile(join(dir, 'report.html'), 'utf8')).resolves.toContain(
      'All 1 scored rows.',
    );
  });
});
