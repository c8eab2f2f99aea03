import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it.each([
    ['the epoch', new Date(0), '00000000-0000'],
    ['a decision time', new Date('2026-12-02T16:00:00.123Z'), '01a2377b-f47b'],
    ['the largest 48-bit millisecond', new Date(2 ** 48 - 1), 'ffffffff-ffff'],
  ])('puts %s in the first 48 bits, then version 7 and variant 10', (_, at, prefix) => {
    const id = uuidv7(at);
    expect(id).toMatch(UUID_V7);
    expect(id.slice(0, 13)).toBe(prefix);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at.getTime());
  });

  it('sorts by time and never repeats', () => {
    const start = Date.parse('2026-12-02T00:00:00Z');
    const ids = Array.from({ length: 20_000 }, (_, i) => uuidv7(new Date(start + (i >> 4))));
    expect(new Set(ids).size).toBe(ids.length);
    const byTime = ids.map((id) => id.slice(0, 13));
    expect(byTime).toEqual([...byTime].sort());
  });

  it('uses every value of the random bits', () => {
    // 4,000 ids × 74 random bits: a bit stuck at 0 or 1 (a wrong mask) shows as a missing digit.
    const at = new Date('2026-12-02T00:00:00Z');
    const digits = (pos: number) => new Set(Array.from({ length: 4_000 }, () => uuidv7(at)[pos]));
    expect(digits(15).size).toBe(16); // rand_a, after the version nibble
    expect([...digits(19)].sort()).toEqual(['8', '9', 'a', 'b']); // variant 10xx
    expect(digits(35).size).toBe(16); // the last random digit
  });
});
