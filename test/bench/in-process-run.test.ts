import { describe, expect, it } from 'vitest';
import {
  medianRatio,
  renderInProcess,
  summariseRounds,
  type InProcessBench,
} from './in-process-run.ts';

const round = (wallUs: number, cpuUs: number) => ({ wallUs, cpuUs });

describe('summariseRounds', () => {
  it('takes the medians of the rounds after the warm-up, wall and CPU each on its own', () => {
    const rounds = [round(90, 120), round(70, 95), round(40, 50), round(44, 47), round(42, 60)];
    // Rounds 3–5: wall 40, 44, 42 → 42; CPU 50, 47, 60 → 50.
    expect(summariseRounds(rounds, 2)).toEqual(round(42, 50));
  });

  it('of an even count, the mean of the middle two', () => {
    expect(summariseRounds([round(99, 99), round(40, 50), round(44, 54)], 1)).toEqual(
      round(42, 52),
    );
  });

  it('uses every round when there are no more than the warm-up', () => {
    expect(summariseRounds([round(30, 40), round(10, 20)], 2)).toEqual(round(20, 30));
  });
});

describe('medianRatio', () => {
  it('divides round by round, then takes the median after the warm-up', () => {
    const riskApi = [round(90, 100), round(40, 60), round(45, 50), round(60, 66)];
    const baseline = [round(30, 50), round(20, 20), round(15, 25), round(20, 22)];
    // Rounds 2–4: wall 2, 3, 3 → 3; CPU 3, 2, 3 → 3.
    expect(medianRatio(riskApi, baseline, 1)).toEqual(round(3, 3));
  });

  it("is the median of the rounds' ratios, not the ratio of the medians", () => {
    // Rounds' ratios 2, 2 and 0.625 → 2; the medians' ratio would be 25 ÷ 30.
    const riskApi = [round(20, 20), round(60, 60), round(25, 25)];
    const baseline = [round(10, 10), round(30, 30), round(40, 40)];
    expect(medianRatio(riskApi, baseline, 0)).toEqual(round(2, 2));
  });
});

describe('renderInProcess', () => {
  it('is nothing without a run', () => {
    expect(renderInProcess(undefined)).toEqual([]);
  });

  it('states both apps and the ratios of their medians', () => {
    const bench: InProcessBench = {
      rounds: 3,
      perRound: 10_000,
      warmUpRounds: 1,
      baseline: [round(30, 40), round(16, 20), round(18, 22)],
      riskApi: [round(90, 110), round(44, 50), round(46, 52)],
      baselineUs: round(17, 21),
      riskApiUs: round(45, 51),
      ratio: round(2.6, 2.4),
    };
    const md = renderInProcess(bench).join('\n');
    expect(md).toContain('3 rounds of 10,000 requests each; the medians leave out the first round');
    expect(md).toContain('| baseline | 17.0 | 21.0 | 40.0 / 20.0 / 22.0 |');
    expect(md).toContain('| risk-api in memory | 45.0 | 51.0 | 110.0 / 50.0 / 52.0 |');
    expect(md).toContain(
      "| risk-api ÷ baseline, median of the rounds' ratios | 2.60 × | 2.40 × | 2.75 × / 2.50 × / 2.36 × |",
    );
  });
});
