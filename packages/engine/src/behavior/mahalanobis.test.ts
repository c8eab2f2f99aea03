import { describe, expect, it } from 'vitest';
import { mahalanobis } from './mahalanobis.ts';

const deepFrozen = (m: number[][]) => Object.freeze(m.map((row) => Object.freeze([...row])));

describe('mahalanobis', () => {
  it('is |z| for the identity and √(zᵀPz) for a worked 2 × 2 precision', () => {
    expect(
      mahalanobis(
        [
          [1, 0],
          [0, 1],
        ],
        [3, 4],
      ),
    ).toBe(5);
    // zᵀPz = 2·1 + 2·(0.5·1·2) + 1·4 = 8 for P = [[2, 0.5], [0.5, 1]], z = (1, 2).
    expect(
      mahalanobis(
        [
          [2, 0.5],
          [0.5, 1],
        ],
        [1, 2],
      ),
    ).toBeCloseTo(Math.sqrt(8), 12);
  });

  it('gives the same distance for a deep-frozen matrix as for plain arrays, call after call', () => {
    const n = 55;
    const plain = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1.5 : 0.01 * ((i + j) % 7))),
    );
    const frozen = deepFrozen(plain);
    const z = Array.from({ length: n }, (_, i) => Math.sin(i) * 2);
    const once = mahalanobis(plain, z);
    expect(mahalanobis(frozen, z)).toBe(once);
    expect(mahalanobis(frozen, z)).toBe(once);
    const other = z.map((v) => -v / 2);
    expect(mahalanobis(frozen, other)).toBe(mahalanobis(plain, other));
  });

  it('clamps a slightly negative form to 0 and refuses a vector of the wrong length', () => {
    expect(mahalanobis([[-1e-18]], [1])).toBe(0);
    expect(() =>
      mahalanobis(
        [
          [1, 0],
          [0, 1],
        ],
        [1],
      ),
    ).toThrow(RangeError);
  });
});
