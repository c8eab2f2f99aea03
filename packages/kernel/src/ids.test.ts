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

  it('sorts in the order the ids were made and never repeats', () => {
    const start = Date.parse('2026-12-02T00:00:00Z');
    const ids = Array.from({ length: 20_000 }, (_, i) => uuidv7(new Date(start + (i >> 4))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it('counts up within one millisecond and keeps that millisecond in the time bits', () => {
    const at = new Date('2026-12-02T16:00:00.123Z');
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    const strictlyIncreasing = ids.every((id, i) => i === 0 || (ids[i - 1] ?? '') < id);
    expect(strictlyIncreasing).toBe(true);
    // A 26-bit counter from a random start: 10,000 steps carry into the stamp with p < 2e-4.
    const times = new Set(ids.map((id) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16)));
    expect([...times].every((t) => t === at.getTime() || t === at.getTime() + 1)).toBe(true);
  });

  it('starts afresh at the earlier time when time steps back', () => {
    const later = uuidv7(new Date('2026-12-02T16:00:01Z'));
    const earlier = uuidv7(new Date('2026-12-02T16:00:00Z'));
    expect(earlier < later).toBe(true);
    expect(earlier.slice(0, 13)).toBe(uuidv7(new Date('2026-12-02T16:00:00Z')).slice(0, 13));
  });

  it('uses every value of the counter start and the random bits', () => {
    // 4,000 ids, each in a new millisecond (so a new counter start): a bit stuck at 0 or 1 (a
    // wrong mask) shows as a missing digit.
    const start = Date.parse('2026-12-02T00:00:00Z');
    const ids = Array.from({ length: 4_000 }, (_, i) => uuidv7(new Date(start + i)));
    const digits = (pos: number) => new Set(ids.map((id) => id[pos]));
    expect(digits(15).size).toBe(16); // the counter's top bits, after the version nibble
    expect([...digits(19)].sort()).toEqual(['8', '9', 'a', 'b']); // variant 10xx
    expect(digits(22).size).toBe(16); // the counter's lowest bits
    expect(digits(35).size).toBe(16); // the last random digit
  });

  it('varies the random bits between ids of the same millisecond', () => {
    const at = new Date('2026-12-02T00:00:00Z');
    const tails = new Set(Array.from({ length: 4_000 }, () => uuidv7(at).slice(24)));
    expect(tails.size).toBe(4_000);
  });
});
