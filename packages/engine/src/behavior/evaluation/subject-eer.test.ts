import { describe, expect, it } from 'vitest';
import { NOW } from '../../testing/fixtures.ts';
import type { LabelledData } from './labelled-csv.ts';
import { subjectEqualErrorRates } from './subject-eer.ts';

const data = (subjects: Record<string, number[]>): LabelledData => ({
  features: ['x'],
  ignored: [],
  subjects: new Map(Object.entries(subjects).map(([s, rows]) => [s, rows.map((x) => [x])])),
});

describe('subjectEqualErrorRates', () => {
  // One feature: standardised training has variance 1, so Ledoit–Wolf has nothing to shrink,
  // the precision is 1 and D = |x − mean| / sd; the score falls with D. Worked by hand:
  // A trains on [0, 2] (mean 1, sd 1): genuine [1, 1.5, 5] → D 0, 0.5, 4; impostors B's [3, 10]
  // → D 2, 9. Accept D ≤ 2: FAR ½, FRR ⅓; accept D ≤ 0.5: FAR 0, FRR ⅓; a = (1/6)/(1/2) = ⅓,
  // EER = ½ − ⅓·½ = ⅓.
  // B trains on [3, 10] (mean 6.5, sd 3.5): genuine [4, 20] → D 0.71, 3.86; impostors A's [0, 2]
  // → D 1.86, 1.29. Accept D ≤ 1.29: FAR ½, FRR ½ — they meet: EER ½.
  const report = subjectEqualErrorRates(data({ A: [0, 2, 1, 1.5, 5], B: [3, 10, 4, 20] }), {
    train: 2,
    impostorSamples: 2,
    fittedAt: NOW,
  });

  it('computes each subject’s EER', () => {
    expect(report.subjects.map((s) => [s.subject, s.genuine, s.impostors])).toEqual([
      ['A', 3, 2],
      ['B', 2, 2],
    ]);
    expect(report.subjects[0]?.eer).toBeCloseTo(1 / 3, 12);
    expect(report.subjects[1]?.eer).toBeCloseTo(1 / 2, 12);
  });

  it('averages them with the sample standard deviation', () => {
    expect(report.mean).toBeCloseTo(5 / 12, 12);
    expect(report.sd).toBeCloseTo(1 / 6 / Math.SQRT2, 12);
    expect(report.skipped).toEqual([]);
  });

  it('skips a subject with too few rows or a degenerate baseline, and says why', () => {
    const result = subjectEqualErrorRates(data({ A: [0, 2, 1], B: [5, 5, 5, 6], C: [1, 2] }), {
      train: 2,
      impostorSamples: 1,
      fittedAt: NOW,
    });
    expect(result.subjects.map((s) => s.subject)).toEqual(['A']);
    expect(result.sd).toBe(0);
    expect(result.skipped).toEqual([
      {
        subject: 'B',
        reason: 'the training sessions do not vary: no distance scale can be learned',
      },
      { subject: 'C', reason: '2 rows; more than 2 are needed' },
    ]);
  });

  it('is NaN without any subject, and validates its options', () => {
    expect(
      subjectEqualErrorRates(data({ A: [1] }), { train: 2, impostorSamples: 1, fittedAt: NOW })
        .mean,
    ).toBeNaN();
    expect(() =>
      subjectEqualErrorRates(data({}), { train: 1, impostorSamples: 1, fittedAt: NOW }),
    ).toThrow(RangeError);
    expect(() =>
      subjectEqualErrorRates(data({}), { train: 2, impostorSamples: 0, fittedAt: NOW }),
    ).toThrow(RangeError);
  });
});
