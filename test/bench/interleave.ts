// Issue 17's goals compare a target with its ceiling (the risk-api in memory with bare Hono, on the
// emulators with the emulator floor). Measured one after the other, minutes apart, the ratio also
// measured the machine's drift between them: the same in-memory code served 8,342–8,900 req/s in
// one half hour and 10,000–11,000 in the next, and the floor on the emulators, always measured
// after the risk-api had warmed the emulators' JIT, spread from 676 to 1,310 req/s. Here both
// servers are up together and their runs alternate (A B, B A, A B, …): each round's ratio compares
// runs seconds apart, neither server always runs first, and the median of the rounds is the verdict.

/** What one run of a server measured, as far as the comparison needs it. */
export interface Measured {
  readonly rps: number;
  readonly p99Ms: number;
}

/** One round: the target and its ceiling, run back to back in `first`'s order. */
export interface Round<R extends Measured> {
  readonly first: 'target' | 'ceiling';
  readonly target: R;
  readonly ceiling: R;
  /** target req/s ÷ ceiling req/s. */
  readonly rpsRatio: number;
  /** target p99 ÷ ceiling p99. */
  readonly p99Ratio: number;
}

/** Every round of one comparison and their medians. */
export interface Interleaved<R extends Measured> {
  readonly target: string;
  readonly ceiling: string;
  readonly concurrency: number;
  readonly rounds: readonly Round<R>[];
  readonly medianRpsRatio: number;
  readonly medianP99Ratio: number;
}

/** Which server runs first in round `index` (0-based): the target in even rounds. */
export function firstIn(index: number): 'target' | 'ceiling' {
  return index % 2 === 0 ? 'target' : 'ceiling';
}

/** The median; of an even count, the mean of the middle two. NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Runs `rounds` rounds of `run('target')` and `run('ceiling')` in alternating order and answers
 * each round's ratios and their medians. `run` measures one server once at the comparison's
 * concurrency; the two servers are both up for the whole comparison.
 */
export async function interleave<R extends Measured>(opts: {
  readonly target: string;
  readonly ceiling: string;
  readonly concurrency: number;
  readonly rounds: number;
  readonly run: (which: 'target' | 'ceiling') => Promise<R>;
}): Promise<Interleaved<R>> {
  const rounds: Round<R>[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    const first = firstIn(i);
    const second = first === 'target' ? 'ceiling' : 'target';
    const early = await opts.run(first);
    const late = await opts.run(second);
    const [target, ceiling] = first === 'target' ? [early, late] : [late, early];
    rounds.push({
      first,
      target,
      ceiling,
      rpsRatio: target.rps / ceiling.rps,
      p99Ratio: target.p99Ms / ceiling.p99Ms,
    });
  }
  return {
    target: opts.target,
    ceiling: opts.ceiling,
    concurrency: opts.concurrency,
    rounds,
    medianRpsRatio: median(rounds.map((r) => r.rpsRatio)),
    medianP99Ratio: median(rounds.map((r) => r.p99Ratio)),
  };
}
