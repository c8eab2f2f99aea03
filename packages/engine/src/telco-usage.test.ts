import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTelcoUsage, parseTelcoUsageBySchema, telcoUsageOf } from './telco-usage.ts';
import { aPayment } from './testing/fixtures.ts';

const FULL = {
  cellTowerChanges24h: 12,
  usualCellTowerChangesPerDay: 3.5,
  dataMb24h: 812.4,
  usualDataMbPerDay: 240,
  calls24h: 7,
  usualCallsPerDay: 6.2,
  sms24h: 3,
  usualSmsPerDay: 4,
  roaming: true,
  roamingCountry: 'MZ',
};

describe('parseTelcoUsage', () => {
  it('reads every typed field and drops the keys it does not know', () => {
    expect(parseTelcoUsage({ ...FULL, carrier: 'Vodacom', rat: '5G' })).toEqual({
      ok: true,
      value: FULL,
    });
  });

  it.each([
    ['no snapshot', undefined],
    ['an empty snapshot', {}],
    ['only unknown keys', { carrier: 'MTN' }],
  ])('reads %s as no measurement at all', (_label, raw) => {
    expect(parseTelcoUsage(raw)).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['a negative count', { calls24h: -1 }, 'calls24h'],
    ['a fractional count', { sms24h: 2.5 }, 'sms24h'],
    ['NaN', { dataMb24h: Number.NaN }, 'dataMb24h'],
    ['a number as text', { usualCallsPerDay: '6' }, 'usualCallsPerDay'],
    ['a negative baseline', { usualDataMbPerDay: -3 }, 'usualDataMbPerDay'],
    ['roaming as text', { roaming: 'yes' }, 'roaming'],
    ['a country name', { roamingCountry: 'Mozambique' }, 'roamingCountry'],
  ])('lists %s as an issue with its field', (_label, raw, field) => {
    const result = parseTelcoUsage({ ...FULL, ...raw });
    expect(result.ok).toBe(false);
    expect(result.issues?.map((i) => i.field)).toEqual([field]);
  });

  it('lists every bad field, and refuses what is not an object', () => {
    expect(parseTelcoUsage({ calls24h: -1, sms24h: 'x' }).issues?.map((i) => i.field)).toEqual([
      'calls24h',
      'sms24h',
    ]);
    expect(parseTelcoUsage([1, 2]).ok).toBe(false);
  });
});

describe('telcoUsageOf', () => {
  it('parses a payment once and hands back the same view', () => {
    const payment = aPayment({ telcoUsage: FULL });
    const first = telcoUsageOf(payment);
    expect(first).toEqual(FULL);
    expect(telcoUsageOf(payment)).toBe(first);
  });

  it('is empty without a snapshot and null for an ill-formed one', () => {
    expect(telcoUsageOf(aPayment())).toEqual({});
    expect(telcoUsageOf(aPayment({ telcoUsage: { calls24h: -4 } }))).toBeNull();
  });
});

describe('parseTelcoUsage fast path', () => {
  const KEYS = Object.keys(FULL);
  const anyValue = fc.oneof(
    fc.integer({ min: -5, max: 2_000_000 }),
    fc.double({ min: -1, max: 20_000_000 }),
    fc.constantFrom(0, -0, 1e6, 1e6 + 1, 1e7, 1e7 + 0.5, Number.NaN, Infinity, 2.5),
    fc.boolean(),
    fc.constantFrom('MZ', 'mz', 'MZA', '', '12', undefined, null),
    fc.string({ maxLength: 3 }),
  );
  const snapshot = fc.dictionary(fc.constantFrom(...KEYS, 'carrier'), anyValue, { maxKeys: 11 });

  it('accepts and reads exactly what the schema does, for any snapshot', () => {
    fc.assert(
      fc.property(snapshot, (raw) => {
        expect(parseTelcoUsage(raw)).toEqual(parseTelcoUsageBySchema(raw));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([[null], [[]], ['text'], [42]])(
    'leaves a snapshot that is not an object (%j) to the schema',
    (raw) => {
      expect(parseTelcoUsage(raw)).toEqual(parseTelcoUsageBySchema(raw));
    },
  );
});
