import { describe, expect, it } from 'vitest';
import { deepFreeze, frozenCopy } from './frozen-copy.ts';

describe('deepFreeze', () => {
  it('freezes objects and arrays at every depth, but leaves arrays of numbers unboxed', () => {
    const baseline = deepFreeze({
      version: 1,
      features: ['a', 'b'],
      means: [0.5, 1.5],
      precision: [
        [1, 0],
        [0, 1],
      ],
      meta: { at: new Date(0), tags: [{ name: 'x' }], empty: [] as number[] },
    });
    expect(Object.isFrozen(baseline)).toBe(true);
    expect(Object.isFrozen(baseline.features)).toBe(true);
    expect(Object.isFrozen(baseline.precision)).toBe(true);
    expect(Object.isFrozen(baseline.meta)).toBe(true);
    expect(Object.isFrozen(baseline.meta.at)).toBe(true);
    expect(Object.isFrozen(baseline.meta.tags[0])).toBe(true);
    expect(Object.isFrozen(baseline.meta.empty)).toBe(true);
    // Numbers only: read-only by type, not frozen (a frozen array boxes every number).
    expect(Object.isFrozen(baseline.means)).toBe(false);
    expect(Object.isFrozen(baseline.precision[0])).toBe(false);
  });

  it('freezes an array that mixes numbers with anything else', () => {
    const mixed = deepFreeze([1, 2, { n: 3 }]);
    expect(Object.isFrozen(mixed)).toBe(true);
    expect(Object.isFrozen(mixed[2])).toBe(true);
    expect(Object.isFrozen(deepFreeze([1, 'two']))).toBe(true);
  });

  it('copies before freezing (frozenCopy): the caller’s value stays as it was', () => {
    const original = { rows: [[1, 2]], name: { first: 'A' } };
    const copy = frozenCopy(original);
    expect(copy).toEqual(original);
    expect(Object.isFrozen(original.name)).toBe(false);
    expect(Object.isFrozen(copy.name)).toBe(true);
    expect(copy.rows[0]).not.toBe(original.rows[0]);
  });
});
