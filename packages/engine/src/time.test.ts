import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';
import { formatAge, round1 } from './time.ts';

describe('formatAge', () => {
  it.each([
    [0, '0 min'],
    [-0.5, '0 min'],
    [5 / 60, '5 min'],
    [0.999, '1 h'],
    [59.4 / 60, '59 min'],
    [1, '1 h'],
    [3.2, '3 h'],
    [47.4, '47 h'],
    [48, '2 d'],
    [29 * 24, '29 d'],
  ])('%f h → %s', (hours, text) => {
    expect(formatAge(hours)).toBe(text);
  });
});

describe('round1', () => {
  it.each([
    [3.2499, 3.2],
    [3.25, 3.3],
    [0.04, 0],
  ])('%f → %f', (value, rounded) => {
    expect(round1(value)).toBe(rounded);
  });
});

describe('formatMoney', () => {
  it.each([
    [{ minor: 500_000, currency: 'ZAR' }, 'ZAR 5,000.00'],
    [{ minor: 500, currency: 'JPY' }, 'JPY 500'],
    [{ minor: 1234, currency: 'BHD' }, 'BHD 1.234'],
    [{ minor: 1234, currency: 'not-a-code' }, '1234 minor units of not-a-code'],
  ])('%j → %s', (money, text) => {
    expect(formatMoney(money)).toBe(text);
  });

  it('formats alike past the bound of kept formats (made-up, well-formed codes)', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const codes = Array.from(
      { length: 300 },
      (_, i) => `Q${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`,
    );
    const first = codes.map((currency) => formatMoney({ minor: 1234, currency }));
    expect(first[0]).toBe('QAA 12.34');
    expect(codes.map((currency) => formatMoney({ minor: 1234, currency }))).toEqual(first);
    expect(formatMoney({ minor: 500_000, currency: 'ZAR' })).toBe('ZAR 5,000.00');
  });
});
