import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJsonText } from './json-text.ts';

/** What JSON.stringify does with `value`: its text, or that it threw. */
function outcome(write: (value: unknown) => string | undefined, value: unknown) {
  try {
    return { text: write(value) };
  } catch (error) {
    return { threw: error instanceof Error ? error.constructor.name : typeof error };
  }
}

// Every time value a Date holds, and then some: ±8.64e15 ms is the range of valid Dates.
const timeValue = fc.oneof(
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.integer({ min: 0, max: 253_402_300_799_999 }),
  fc.constantFrom(
    0,
    -0,
    -1,
    951_782_400_000, // 2000-02-29
    4_107_542_400_000, // 2100-03-01
    13_574_563_200_000, // 2400-02-29
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    253_402_300_800_000, // +010000-01-01
    8.64e15 + 1, // invalid
    Number.NaN,
  ),
);

// Keys JSON.stringify treats like any other, and two a copy could get wrong.
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', 'constructor', '0'));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    timeValue.map((t) => new Date(t)),
    fc.constantFrom(undefined, Number.NaN, -0, Infinity),
    fc.array(tie('tree')),
    fc.sparseArray(tie('tree')),
    fc.dictionary(key, tie('tree')),
    fc.dictionary(key, tie('tree'), { noNullPrototype: false }),
    fc.dictionary(key, tie('tree')).map((o) => Object.freeze(o)),
    // Objects JSON.stringify serialises its own way, left to it as they are.
    fc.constantFrom(
      new Number(1),
      new String('s'),
      new Boolean(false),
      new Map([[1, 2]]),
      Buffer.from('ab'),
      { toJSON: () => ({ at: new Date(0) }) },
      Object.assign(new Date(0), { toJSON: () => 'own' }),
      Object.assign([1, 2], { toJSON: () => 'array' }),
      10n,
    ),
  ),
}));

describe('toJsonText', () => {
  it('writes a Date as JSON.stringify does, for every time value', () => {
    fc.assert(
      fc.property(timeValue, (t) => {
        expect(toJsonText(new Date(t))).toBe(JSON.stringify(new Date(t)));
        expect(toJsonText({ at: new Date(t) })).toBe(JSON.stringify({ at: new Date(t) }));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes any value as JSON.stringify does, or throws as it does', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(outcome(toJsonText, value)).toEqual(outcome(JSON.stringify, value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves the value it writes as it was', () => {
    const at = new Date(1_700_000_000_000);
    const value = { payments: [{ at, amount: { minor: 1, currency: 'ZAR' } }] };
    toJsonText(value);
    expect(value).toEqual({
      payments: [{ at: new Date(1_700_000_000_000), amount: { minor: 1, currency: 'ZAR' } }],
    });
    expect(value.payments[0]?.at).toBe(at);
  });
});
