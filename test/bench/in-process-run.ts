// The decision's own cost in `npm run bench`: in-process.ts (both apps driven one request at a
// time through `app.fetch`, their rounds alternating; no sockets, no load generator) in a child
// process with the risk-api image's Node flags and its instance's heap, as every server of the
// bench runs. On this machine about a fifth of the in-memory risk-api's CPU over HTTP is the
// virtual machine waking the load generator's halted vCPU (docs/performance-log.md, issue 17's
// tenth session); in process there is no socket and no second process, so this row is the one
// that says what a decision costs against the baseline wherever it runs.
import { spawnSync } from 'node:child_process';
import { median } from './interleave.ts';
import { instanceHeapFlags } from './instance-heap.ts';
import { IMAGE_NODE_FLAGS } from './servers.ts';

/** One round of requests: µs per request, wall clock (one at a time) and CPU (all threads). */
export interface RoundCost {
  readonly wallUs: number;
  readonly cpuUs: number;
}

export interface InProcessBench {
  readonly rounds: number;
  readonly perRound: number;
  /** The first rounds warm the JIT up and are left out of the medians. */
  readonly warmUpRounds: number;
  readonly baseline: readonly RoundCost[];
  readonly riskApi: readonly RoundCost[];
  /** Medians of the rounds after the warm-up. */
  readonly baselineUs: RoundCost;
  readonly riskApiUs: RoundCost;
  /** The risk-api's cost ÷ the baseline's, round by round (rounds alternate); their median. */
  readonly ratio: RoundCost;
}

/** The medians of the rounds after `warmUpRounds` (all of them if there are no more). */
export function summariseRounds(rounds: readonly RoundCost[], warmUpRounds: number): RoundCost {
  const kept = rounds.length > warmUpRounds ? rounds.slice(warmUpRounds) : rounds;
  return {
    wallUs: median(kept.map((r) => r.wallUs)),
    cpuUs: median(kept.map((r) => r.cpuUs)),
  };
}

/**
 * The median over the rounds after `warmUpRounds` of each round's ratio `a ÷ b` (the two apps'
 * rounds of the same index ran back to back), wall and CPU each on its own.
 */
export function medianRatio(
  a: readonly RoundCost[],
  b: readonly RoundCost[],
  warmUpRounds: number,
): RoundCost {
  const ratios = a.flatMap((x, i) => {
    const y = b[i];
    return y === undefined ? [] : [{ wallUs: x.wallUs / y.wallUs, cpuUs: x.cpuUs / y.cpuUs }];
  });
  return summariseRounds(ratios, warmUpRounds);
}

const roundTo = (x: number, digits: number) => Number(x.toFixed(digits));

export function runInProcessBench(opts: {
  readonly rounds: number;
  readonly perRound: number;
  readonly warmUpRounds: number;
}): InProcessBench {
  const args = [
    ...instanceHeapFlags(1),
    ...IMAGE_NODE_FLAGS,
    'test/bench/in-process.ts',
    '--rounds',
    String(opts.rounds),
    '--per-round',
    String(opts.perRound),
    '--json',
  ];
  // As batch-bench.ts runs its children: nothing else of the bench runs meanwhile.
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) {
    throw new Error(
      `in-process bench exited with ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`,
    );
  }
  const lines = child.stdout.trim().split('\n');
  const result = JSON.parse(lines.at(-1) ?? '') as {
    readonly baseline: readonly RoundCost[];
    readonly riskApi: readonly RoundCost[];
  };
  const tenths = (rounds: readonly RoundCost[]) =>
    rounds.map((r) => ({ wallUs: roundTo(r.wallUs, 1), cpuUs: roundTo(r.cpuUs, 1) }));
  const baseline = tenths(result.baseline);
  const riskApi = tenths(result.riskApi);
  return {
    rounds: opts.rounds,
    perRound: opts.perRound,
    warmUpRounds: opts.warmUpRounds,
    baseline,
    riskApi,
    baselineUs: summariseRounds(baseline, opts.warmUpRounds),
    riskApiUs: summariseRounds(riskApi, opts.warmUpRounds),
    ratio: medianRatio(riskApi, baseline, opts.warmUpRounds),
  };
}

export function renderInProcess(bench: InProcessBench | undefined): string[] {
  if (bench === undefined) {
    return [];
  }
  const us = (x: number) => x.toFixed(1);
  const times = (x: number) => `${x.toFixed(2)} ×`;
  const { baselineUs: b, riskApiUs: r } = bench;
  return [
    `The decision's own cost, in process (\`npm run bench:in-process\`; test/bench/in-process-run.ts): the risk-api on in-memory adapters and the baseline app driven one request at a time through \`app.fetch\` in one child process with the image's Node flags — no sockets, no load generator, the background delivery included. Their rounds alternate (each the reverse order of the one before), so each round's ratio compares runs back to back. ${bench.rounds} rounds of ${bench.perRound.toLocaleString('en')} requests each; the medians leave out the first ${bench.warmUpRounds === 1 ? 'round' : `${bench.warmUpRounds} rounds`} (the JIT's warm-up). CPU counts every thread of the process, the collector's too.`,
    '',
    '| in process | µs a request, wall | µs a request, CPU | rounds, CPU µs |',
    '|---|---|---|---|',
    `| baseline | ${us(b.wallUs)} | ${us(b.cpuUs)} | ${bench.baseline.map((x) => us(x.cpuUs)).join(' / ')} |`,
    `| risk-api in memory | ${us(r.wallUs)} | ${us(r.cpuUs)} | ${bench.riskApi.map((x) => us(x.cpuUs)).join(' / ')} |`,
    `| risk-api ÷ baseline, median of the rounds' ratios | ${times(bench.ratio.wallUs)} | ${times(bench.ratio.cpuUs)} | ${bench.riskApi.map((x, i) => times(x.cpuUs / (bench.baseline[i]?.cpuUs ?? NaN))).join(' / ')} |`,
    '',
  ];
}
