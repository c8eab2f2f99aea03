import { describe, expect, it } from 'vitest';
import { readHeader } from './header.ts';

describe('readHeader', () => {
  it('matches names trimmed and case-insensitively, with a byte order mark dropped', () => {
    const result = readHeader(['\uFEFFSubscriber_ID', ' MSISDN ', 'as_of', 'Roaming']);
    expect(result.ok).toBe(true);
    expect(result.header?.indexOf).toEqual({ subscriber_id: 0, msisdn: 1, as_of: 2, roaming: 3 });
    expect(result.header?.width).toBe(4);
  });

  it('lists every missing and unknown column in one answer', () => {
    const result = readHeader(['subscriber_id', 'sim_swap_date', 'phone']);
    expect(result.ok).toBe(false);
    expect(result.problems?.[0]).toBe('missing required columns: msisdn, as_of');
    expect(result.problems?.[1]).toMatch(
      /^unknown columns: sim_swap_date, phone \(known: subscriber_id, msisdn, /,
    );
  });

  it('reports a column given twice and a nameless one in the middle', () => {
    const result = readHeader(['subscriber_id', 'msisdn', '', 'as_of', 'MSISDN']);
    expect(result.problems).toEqual([
      'column given twice: msisdn',
      'a column without a name at position 3',
    ]);
  });

  it('ignores empty names at the end (a trailing delimiter)', () => {
    const result = readHeader(['subscriber_id', 'msisdn', 'as_of', '', '']);
    expect(result.ok).toBe(true);
    expect(result.header?.width).toBe(3);
  });
});
