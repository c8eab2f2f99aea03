import { describe, expect, it } from 'vitest';
import { equalErrorRate } from './equal-error-rate.ts';

// Every expectation below was worked out by hand from the threshold table (accept score ≥ t).
describe('equalErrorRate', () => {
  it.each([
    // Disjoint: at t = 3 nothing is falsely accepted or rejected.
    ['perfectly separated', [3, 4], [1, 2], 0, 3],
    // Same scores: at t = 2, one of two impostors in (FAR ½) and one of two genuine out (FRR ½).
    ['indistinguishable', [1, 2], [1, 2], 0.5, 2],
    // t = 0.6: FAR ⅓, FRR 0; t = 0.7: FAR ⅓ (0.7 ≥ 0.7), FRR ⅓ (0.6) — they meet exactly.
    ['meeting at a threshold', [0.6, 0.8, 0.9], [0.1, 0.2, 0.7], 1 / 3, 0.7],
    // t = 3: FAR ⅓, FRR ¼ (gap +1/12); t = 4: FAR ⅓, FRR ½ (gap −1/6). a = (1/12)/(1/4) = ⅓:
    // FAR ⅓ + ⅓·0 = ⅓ and FRR ¼ + ⅓·¼ = ⅓ meet at t = 3 + ⅓.
    ['interpolated', [2, 3, 4, 5], [1, 2.5, 6], 1 / 3, 10 / 3],
    // t = 3: FAR ½, FRR ⅓; t = 4: FAR ½, FRR ⅔; a = ½: EER ½ at t = 3.5.
    ['interpolated halfway', [1, 3, 4], [2, 5], 0.5, 3.5],
    // Inverted scorer: genuine all below impostors — everything is wrong at the crossing.
    ['inverted', [1, 2], [3, 4], 1, 3],
  ])('%s', (_, genuine, impostor, eer, threshold) => {
    const result = equalErrorRate(genuine, impostor);
    expect(result.eer).toBeCloseTo(eer, 12);
    expect(result.threshold).toBeCloseTo(threshold, 12);
  });

  it('does not depend on the order of the scores', () => {
    expect(equalErrorRate([5, 2, 4, 3], [6, 1, 2.5])).toEqual(
      equalErrorRate([2, 3, 4, 5], [1, 2.5, 6]),
    );
  });

  it('finds the crossing above the highest score when every impostor ties with it', () => {
    // t = 1e20: FAR 1, FRR ½; t = 2e20 (reject all): FAR 0, FRR 1; a = ½/1.5 = ⅓ → EER ⅔.
    expect(equalErrorRate([1, 1e20], [1e20]).eer).toBeCloseTo(2 / 3, 12);
  });

  it.each([
    ['no genuine scores', [], [1]],
    ['no impostor scores', [1], []],
    ['a non-finite score', [1, Number.NaN], [0]],
  ])('rejects %s', (_, genuine, impostor) => {
    expect(() => equalErrorRate(genuine, impostor)).toThrow(RangeError);
  });
});
