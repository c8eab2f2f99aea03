// Issue 17's goals compare a target with its ceiling (the risk-api in memory with bare Hono, on the
// emulators with the emulator floor). Measured one after the other, minutes apart, the ratio also
// measured the machine's drift between them: the same in-memory code served 8,342–8,900 req/s in
// one half hour and 10,000–11,000 in the next, and the floor on the emulators, always measured
// after the risk-api had warmed the emulators' JIT, spread from 676 to 1,310 req/s. Here the
// servers are up together and their runs alternate (A B, B A, A B, …): each round's ratio compares
// runs seconds apart, neither server always runs first, and the median of the rounds is the verdict.
// A comparison may run a third server in every round, a reference between the two (on the
// emulators, the floor that also delivers: what the delivery's I/O alone costs); then a round runs
// target, ceiling, reference, and the next one the reverse.

/** What one run of a server measured, as far as the comparison needs it. */
export interface Measured {
  readonly rps: number;
  readonly p99Ms: number;
}

/** A server's part in a comparison. */
export type Role = 'target' | 'ceiling' | 'reference';

/** How one server's run compares with another's in the same round. */
export interface Ratios {
  /** req/s ÷ the other's req/s. */
  readonly rps: number;
  /** p99 ÷ the other's p99. */
  readonly p99: number;
}

/** One round: every server run once, back to back, in `order`. */
export interface Round<R extends Measured> {
  readonly order: readonly Role[];
  readonly target: R;
  readonly ceiling: R;
  /** target req/s ÷ ceiling req/s. */
  readonly rpsRatio: number;
  /** target p99 ÷ ceiling p99. */
  readonly p99Ratio: number;
  /** With a reference: its run, it against the ceiling, and the target against it. */
  readonly reference?: {
    readonly run: R;
    readonly vsCeiling: Ratios;
    readonly targetVs: Ratios;
  };
}

/** Every round of one comparison and their medians. */
export interface Interleaved<R extends Measured> {
  readonly target: string;
  readonly ceiling: string;
  readonly concurrency: number;
  readonly rounds: readonly Round<R>[];
  readonly medianRpsRatio: number;
  readonly medianP99Ratio: number;
  /** With a reference: its name and the medians of its rounds' ratios. */
  readonly reference?: {
    readonly name: string;
    readonly medianVsCeiling: Ratios;
    readonly medianTargetVs: Ratios;
  };
}

/** The order of round `index` (0-based): the roles as given in even rounds, reversed in odd ones. */
export function orderIn(index: number, roles: readonly Role[]): readonly Role[] {
  return index % 2 === 0 ? roles : [...roles].reverse();
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

const ratios = (a: Measured, b: Measured): Ratios => ({
  rps: a.rps / b.rps,
  p99: a.p99Ms / b.p99Ms,
});

const medianRatios = (all: readonly Ratios[]): Ratios => ({
  rps: median(all.map((r) => r.rps)),
  p99: median(all.map((r) => r.p99)),
});

/**
 * Runs `rounds` rounds of `run` for every server in alternating order (orderIn) and answers each
 * round's ratios and their medians. `run` measures one server once at the comparison's
 * concurrency; the servers are all up for the whole comparison.
 */
export async function interleave<R extends Measured>(opts: {
  readonly target: string;
  readonly ceiling: string;
  /** A third server run in every round (see the top of this file). */
  readonly reference?: string;
  readonly concurrency: number;
  readonly rounds: number;
  readonly run: (which: Role) => Promise<R>;
}): Promise<Interleaved<R>> {
  const roles: readonly Role[] =
    opts.reference === undefined ? ['target', 'ceiling'] : ['target', 'ceiling', 'reference'];
  const rounds: Round<R>[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    const order = orderIn(i, roles);
    const runs = new Map<Role, R>();
    for (const role of order) {
      runs.set(role, await opts.run(role));
    }
    const target = runs.get('target') as R;
    const ceiling = runs.get('ceiling') as R;
    const reference = runs.get('reference');
    const main = ratios(target, ceiling);
    rounds.push({
      order,
      target,
      ceiling,
      rpsRatio: main.rps,
      p99Ratio: main.p99,
      ...(reference === undefined
        ? {}
        : {
            reference: {
              run: reference,
              vsCeiling: ratios(reference, ceiling),
              targetVs: ratios(target, reference),
            },
          }),
    });
  }
  const withReference = rounds.flatMap((r) => (r.reference === undefined ? [] : [r.reference]));
  return {
    target: opts.target,
    ceiling: opts.ceiling,
    concurrency: opts.concurrency,
    rounds,
    medianRpsRatio: median(rounds.map((r) => r.rpsRatio)),
    medianP99Ratio: median(rounds.map((r) => r.p99Ratio)),
    ...(opts.reference === undefined
      ? {}
      : {
          reference: {
            name: opts.reference,
            medianVsCeiling: medianRatios(withReference.map((r) => r.vsCeiling)),
            medianTargetVs: medianRatios(withReference.map((r) => r.targetVs)),
          },
        }),
  };
}
