// One measured batch run in its own process, so its peak RSS is its own: prints one JSON line.
//   node test/bench/batch-child.ts parse|score <file> [workers]
// `parse` only reads the records (the reader's ceiling); `score` is the whole run with
// results.csv, errors.csv and report.html, as `npm run batch` does it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { BATCH_POLICY } from '@sentinel/engine';
import { systemClock } from '@sentinel/kernel';
import { createSummaryReport, openCsv, openXlsx, runBatch } from '@sentinel/batch';

const [mode, file, workers = '1'] = process.argv.slice(2);
if (file === undefined || (mode !== 'parse' && mode !== 'score')) {
  process.stderr.write('usage: batch-child.ts parse|score <file> [workers]\n');
  process.exit(2);
}
const started = performance.now();
const cpuStart = process.cpuUsage();
let rows = 0;
let poolSize = 0;
if (mode === 'parse') {
  const source = extname(file) === '.xlsx' ? await openXlsx(file) : await openCsv(file);
  for await (const run of source.records) {
    rows += run.length;
  }
  rows -= 1; // the header
} else {
  const out = mkdtempSync(join(tmpdir(), 'batch-bench-out-'));
  try {
    const result = await runBatch({
      file,
      outDir: out,
      policy: BATCH_POLICY,
      workers: Number(workers),
      sink: (policy) => createSummaryReport({ policy, clock: systemClock, print: () => undefined }),
      clock: { monotonicMs: () => performance.now() },
    });
    if (!result.ok) {
      throw new Error(result.problems.join('; '));
    }
    rows = result.meta.scored + result.meta.rejected;
    poolSize = result.meta.workers;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
const ms = performance.now() - started;
// CPU time of every thread of the process: on a shared machine it varies far less than wall time.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
  JSON.stringify({
    mode,
    rows,
    workers: poolSize,
    ms: Math.round(ms),
    rowsPerSec: Math.round((rows / ms) * 1000),
    cpuMs: Math.round(cpuMs),
    rowsPerCpuSec: Math.round((rows / cpuMs) * 1000),
    // Peak resident set of the whole process, worker threads included (KiB on Linux).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
