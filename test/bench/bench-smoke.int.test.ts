// Benchmarks are not tests: nothing here is timed. This only keeps `npm run bench` working by
// running its smoke mode (1 s per target, temp output) against the test run's emulators.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Measured {
  target: string;
  rps: number;
  p99Ms: number;
  errors: number;
}

interface Report {
  runs: {
    target: string;
    concurrency: number;
    rps: number;
    errors: number;
    p99Ms: number;
    peakRssMiB: number | null;
  }[];
  goals: {
    target: string;
    ceiling: string;
    concurrency: number;
    rounds: {
      order: string[];
      target: Measured;
      ceiling: Measured;
      rpsRatio: number;
      reference?: {
        run: Measured;
        vsCeiling: { rps: number; p99: number };
        targetVs: { rps: number; p99: number };
      };
    }[];
    medianRpsRatio: number;
    reference?: { name: string };
  }[];
  engine: { opsPerSec: number; withBehavior: { opsPerSec: number } };
  model: {
    sessions: number;
    fitP50Ms: number;
    fitMaxMs: number;
    scoreP50Ms: number;
    scoreP99Ms: number;
  };
  inProcess: {
    rounds: number;
    perRound: number;
    baseline: { wallUs: number; cpuUs: number }[];
    riskApi: { wallUs: number; cpuUs: number }[];
    baselineUs: { wallUs: number; cpuUs: number };
    riskApiUs: { wallUs: number; cpuUs: number };
    ratio: { wallUs: number; cpuUs: number };
  };
  coldStart: Record<string, number>;
  coldStarts: { start: string; n: number; p50Ms: number }[];
  batch: { files: { format: string; oneThread: { rows: number; rowsPerSec: number } }[] };
  auth: { store: string; operation: string; n: number; opsPerSec: number; errors: number }[];
  escrow: { holdCreation: { n: number }; sweep: { holds: number } };
  backtest: { store: string; decisions: number; replayPerSec: number; baselinePerSec: number }[];
}

describe('npm run bench -- --smoke', () => {
  it('measures every target and writes the table and JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    const run = spawnSync(process.execPath, ['test/bench/run-bench.ts', '--smoke', '--out', out], {
      encoding: 'utf8',
      timeout: 200_000,
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'benchmarks.json'), 'utf8')) as Report;
    expect(report.runs.map((r) => r.target)).toEqual([
      'baseline',
      'in-memory',
      'emulators',
      'emulator-floor',
      'emulator-delivery-floor',
    ]);
    for (const r of report.runs) {
      expect(r.rps, r.target).toBeGreaterThan(0);
      expect(r.errors, r.target).toBe(0);
      // The server's resident set, read from /proc (null only where there is none).
      if (process.platform === 'linux') {
        expect(r.peakRssMiB, r.target).toBeGreaterThan(0);
      }
    }
    // Issue 17's goals, decided by alternating runs of each target and its ceiling.
    expect(
      report.goals.map((g) => [
        g.target,
        g.ceiling,
        g.concurrency,
        g.rounds.map((r) => [r.order.join(' '), r.target.target, r.ceiling.target]),
      ]),
    ).toEqual([
      [
        'in-memory',
        'baseline',
        10,
        [
          ['target ceiling', 'in-memory', 'baseline'],
          ['ceiling target', 'in-memory', 'baseline'],
        ],
      ],
      [
        'emulators',
        'emulator-floor',
        5,
        [
          ['target ceiling reference', 'emulators', 'emulator-floor'],
          ['reference ceiling target', 'emulators', 'emulator-floor'],
        ],
      ],
    ]);
    // On the emulators the floor that delivers ran in every round, compared with both.
    expect(report.goals.map((g) => g.reference?.name)).toEqual([
      undefined,
      'emulator-delivery-floor',
    ]);
    for (const g of report.goals) {
      for (const r of g.rounds) {
        expect([r.target.errors, r.ceiling.errors], g.target).toEqual([0, 0]);
        expect(r.rpsRatio, g.target).toBeCloseTo(r.target.rps / r.ceiling.rps, 10);
        if (r.reference !== undefined) {
          expect(r.reference.run.target).toBe('emulator-delivery-floor');
          expect(r.reference.run.errors).toBe(0);
          expect(r.reference.vsCeiling.rps).toBeCloseTo(r.reference.run.rps / r.ceiling.rps, 10);
          expect(r.reference.targetVs.rps).toBeCloseTo(r.target.rps / r.reference.run.rps, 10);
        }
      }
      expect(g.medianRpsRatio, g.target).toBeCloseTo(
        (g.rounds[0]!.rpsRatio + g.rounds[1]!.rpsRatio) / 2,
        10,
      );
    }
    expect(report.engine.opsPerSec).toBeGreaterThan(0);
    expect(report.model.sessions).toBe(200);
    // The model's timings are measured, not fixed: whatever the machine's speed or load, each is a
    // finite number of ms and a percentile never exceeds a higher one (rounding keeps the order).
    const { fitP50Ms, fitMaxMs, scoreP50Ms, scoreP99Ms } = report.model;
    for (const ms of [fitP50Ms, fitMaxMs, scoreP50Ms, scoreP99Ms]) {
      expect(Number.isFinite(ms) && ms >= 0, String(ms)).toBe(true);
    }
    expect(fitP50Ms).toBeLessThanOrEqual(fitMaxMs);
    expect(scoreP50Ms).toBeLessThanOrEqual(scoreP99Ms);
    // The decision in process: both apps, every round measured, the medians from the rounds.
    expect(report.inProcess.rounds).toBe(2);
    expect(report.inProcess.perRound).toBe(500);
    for (const rounds of [report.inProcess.baseline, report.inProcess.riskApi]) {
      expect(rounds).toHaveLength(2);
      for (const r of rounds) {
        expect(r.wallUs).toBeGreaterThan(0);
        expect(r.cpuUs).toBeGreaterThan(0);
      }
    }
    expect(report.inProcess.riskApiUs).toEqual(report.inProcess.riskApi[1]);
    expect(report.inProcess.baselineUs).toEqual(report.inProcess.baseline[1]);
    expect(report.inProcess.ratio.cpuUs).toBeCloseTo(
      report.inProcess.riskApi[1]!.cpuUs / report.inProcess.baseline[1]!.cpuUs,
      10,
    );
    expect(Object.keys(report.coldStart).sort()).toEqual(['emulators', 'in-memory']);
    // Cold start of the sources and of the esbuild bundle the image runs, each started once.
    expect(report.coldStarts.map((c) => [c.start, c.n])).toEqual([
      ['source', 1],
      ['bundle', 1],
    ]);
    expect(report.coldStarts.every((c) => c.p50Ms > 0)).toBe(true);
    expect(report.batch.files.map((f) => [f.format, f.oneThread.rows])).toEqual([
      ['csv', 2000],
      ['xlsx', 500],
    ]);
    expect(report.batch.files.every((f) => f.oneThread.rowsPerSec > 0)).toBe(true);
    const md = readFileSync(join(out, 'benchmarks.md'), 'utf8');
    expect(md).toContain('| target | concurrency |');
    expect(md).toContain('| in-memory vs baseline, c=10 | **median** |');
    expect(md).toContain('| emulators vs emulator-floor, c=5 | **median** |');
    expect(md).toContain('| emulator-delivery-floor vs emulator-floor, c=5 | **median** |');
    expect(md).toContain('| emulators vs emulator-delivery-floor, c=5 | **median** |');
    expect(md).toContain('| in process | µs a request, wall |');
    expect(md).toContain("| risk-api ÷ baseline, median of the rounds' ratios |");
    expect(md).toContain('| start | n | p50 ms |');
    expect(md).toContain('| fit a baseline from 200 sessions |');
    expect(md).toContain('| batch file | rows |');
    // The auth service's ceremonies on both stores, every one passed (errors 0).
    expect(report.auth.map((r) => `${r.store} ${r.operation}`)).toEqual([
      'memory challenge view (baseline)',
      'memory passkey options',
      'memory passkey verify',
      'memory TOTP verify',
      'emulators challenge view (baseline)',
      'emulators passkey options',
      'emulators passkey verify',
      'emulators TOTP verify',
    ]);
    for (const r of report.auth) {
      expect(r.n, r.operation).toBeGreaterThan(0);
      expect(r.opsPerSec, r.operation).toBeGreaterThan(0);
      expect(r.errors, `${r.store} ${r.operation}`).toBe(0);
    }
    expect(md).toContain('| passkey verify | emulators | 1 |');
    // The escrow: every decision event made a HELD hold, the sweep expired all 100 holds.
    expect(report.escrow.holdCreation.n).toBe(20);
    expect(report.escrow.sweep.holds).toBe(100);
    expect(md).toContain('| hold creation (event → HELD) | 20 |');
    // The backtest replayed every recorded decision, in memory and on the emulator.
    expect(report.backtest.map((r) => [r.store, r.decisions])).toEqual([
      ['memory', 2000],
      ['emulator', 200],
    ]);
    for (const r of report.backtest) {
      expect(r.replayPerSec, r.store).toBeGreaterThan(0);
      expect(r.baselinePerSec, r.store).toBeGreaterThan(0);
    }
    expect(md).toContain('| store | decisions | replayed/s |');
  }, 230_000);

  it('npm run bench:in-process runs both apps through their own fetch', () => {
    const run = spawnSync(
      process.execPath,
      ['test/bench/in-process.ts', '--rounds', '1', '--per-round', '50'],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/baseline round 1: [\d.]+ µs\/request/);
    expect(run.stdout).toMatch(/risk-api in memory round 1: [\d.]+ µs\/request/);
  }, 90_000);

  it('with --json it prints one line: every round of both apps', () => {
    const run = spawnSync(
      process.execPath,
      ['test/bench/in-process.ts', '--rounds', '2', '--per-round', '50', '--json'],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as {
      perRound: number;
      baseline: { wallUs: number; cpuUs: number }[];
      riskApi: { wallUs: number; cpuUs: number }[];
    };
    expect(result.perRound).toBe(50);
    expect(result.baseline).toHaveLength(2);
    expect(result.riskApi).toHaveLength(2);
    for (const r of [...result.baseline, ...result.riskApi]) {
      expect(r.wallUs).toBeGreaterThan(0);
      expect(r.cpuUs).toBeGreaterThan(0);
    }
  }, 90_000);
});
