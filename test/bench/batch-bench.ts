// Batch mode's numbers (issue 16): CSV rows/s and peak RSS on a generated file, against the
// reader alone (parse-only) and one thread against the worker pool; XLSX rows/s and peak RSS on a
// 100,000-row workbook. Each run is a child process with the heap flags of `npm run batch`, so
// its peak RSS is its own. The 1 GB CSV is opt-in: SENTINEL_BENCH_BATCH_GB=1 (a few minutes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeXlsx } from '@sentinel/batch/testing';
import { benchXlsxRows, writeBenchCsv } from './batch-rows.ts';

/** The heap flags of the `batch` script in package.json, read from it: one source for both. */
export const BATCH_NODE_OPTIONS = batchNodeOptions();

function batchNodeOptions(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const flags = /^NODE_OPTIONS='([^']+)' /.exec(pkg.scripts['batch'] ?? '')?.[1];
  if (flags === undefined) {
    throw new Error("package.json's batch script no longer starts with NODE_OPTIONS='…'");
  }
  return flags;
}

export interface BatchRun {
  readonly mode: 'parse' | 'score';
  readonly rows: number;
  readonly workers: number;
  readonly ms: number;
  readonly rowsPerSec: number;
  /** CPU time of all the process's threads, and rows per CPU second (less load-dependent than rows/s). */
  readonly cpuMs: number;
  readonly rowsPerCpuSec: number;
  readonly peakRssMb: number;
}

export interface BatchFileBench {
  readonly format: 'csv' | 'xlsx';
  readonly rows: number;
  readonly fileMb: number;
  readonly parseOnly: BatchRun;
  readonly oneThread: BatchRun;
  readonly pool?: BatchRun;
}

export interface BatchBench {
  readonly cores: number;
  readonly files: BatchFileBench[];
}

function child(mode: 'parse' | 'score', file: string, workers: number): BatchRun {
  const run = spawnSync(
    process.execPath,
    [join(import.meta.dirname, 'batch-child.ts'), mode, file, String(workers)],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: BATCH_NODE_OPTIONS } },
  );
  if (run.status !== 0) {
    throw new Error(`batch bench child failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as BatchRun;
}

function measure(
  format: 'csv' | 'xlsx',
  file: string,
  rows: number,
  pool: boolean,
): BatchFileBench {
  const cores = availableParallelism();
  return {
    format,
    rows,
    fileMb: Math.round(statSync(file).size / 2 ** 20),
    parseOnly: child('parse', file, 1),
    oneThread: child('score', file, 1),
    ...(pool && cores > 1 ? { pool: child('score', file, cores) } : {}),
  };
}

export async function runBatchBench(options: {
  csvRows: number;
  xlsxRows: number;
  gigabyte: boolean;
  log: (line: string) => void;
}): Promise<BatchBench> {
  const dir = mkdtempSync(join(tmpdir(), 'batch-bench-'));
  const files: BatchFileBench[] = [];
  const show = (b: BatchFileBench) => {
    const line = (name: string, r: BatchRun | undefined) =>
      r === undefined
        ? ''
        : `${name} ${r.rowsPerSec} rows/s (${r.rowsPerCpuSec} per CPU s), peak ${r.peakRssMb} MB; `;
    options.log(
      `  ${b.format} ${b.rows} rows (${b.fileMb} MB): ${line('parse-only', b.parseOnly)}${line('1 thread', b.oneThread)}${line(`pool ×${b.pool?.workers ?? 0}`, b.pool)}`,
    );
  };
  try {
    const csv = join(dir, 'activity.csv');
    const rows = await writeBenchCsv(csv, { rows: options.csvRows });
    files.push(measure('csv', csv, rows, true));
    show(files[files.length - 1] as BatchFileBench);
    rmSync(csv);
    if (options.gigabyte) {
      const big = join(dir, 'activity-1gb.csv');
      const bigRows = await writeBenchCsv(big, { minBytes: 2 ** 30 });
      files.push(measure('csv', big, bigRows, true));
      show(files[files.length - 1] as BatchFileBench);
      rmSync(big);
    }
    const xlsx = join(dir, 'activity.xlsx');
    await writeXlsx(xlsx, [{ name: 'Activity', rows: benchXlsxRows(options.xlsxRows) }]);
    files.push(measure('xlsx', xlsx, options.xlsxRows, false));
    show(files[files.length - 1] as BatchFileBench);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { cores: availableParallelism(), files };
}

/** The batch table of docs/benchmarks.md. */
export function renderBatchMarkdown(b: BatchBench): string[] {
  const cell = (r: BatchRun | undefined, base: BatchRun) =>
    r === undefined
      ? '–'
      : `${r.rowsPerSec} (${Math.round((r.rowsPerSec / base.rowsPerSec) * 100)} %) · ${r.peakRssMb} MB`;
  return [
    `| batch file | rows | MB | parse only: rows/s · per CPU s · peak RSS | 1 thread: rows/s (vs parse) · per CPU s · peak RSS | pool of ${b.cores}: rows/s (vs parse) · per CPU s · peak RSS | pool vs 1 thread |`,
    '|---|---|---|---|---|---|---|',
    ...b.files.map(
      (f) =>
        `| ${f.format} | ${f.rows} | ${f.fileMb} | ${f.parseOnly.rowsPerSec} · ${f.parseOnly.rowsPerCpuSec} · ${f.parseOnly.peakRssMb} MB | ${cell(f.oneThread, f.parseOnly)} | ${cell(f.pool, f.parseOnly)} | ${f.pool === undefined ? '–' : `${(f.pool.rowsPerSec / f.oneThread.rowsPerSec).toFixed(2)}×`} |`,
    ),
  ];
}
