import { describe, expect, it } from 'vitest';
import type { Cell } from './cell.ts';
import { readHeader } from './header.ts';
import { parseRow } from './parse-row.ts';

const COLUMNS = [
  'subscriber_id',
  'msisdn',
  'as_of',
  'last_sim_change_at',
  'failed_logins_24h',
  'sms_24h',
  'data_mb_24h',
  'roaming',
  'roaming_country',
  'lat',
  'lon',
];
const header = readHeader(COLUMNS).header ?? expect.fail('header');
const BASE = ['SUB-1', '+27821234567', '2026-12-05T18:00:00Z', '', '', '', '', '', '', '', ''];

/** BASE with some cells replaced: `{ index: value }`. */
function row(changes: Record<number, Cell> = {}): Cell[] {
  return BASE.map((cell, i) => (i in changes ? changes[i] : cell));
}

describe('parseRow', () => {
  it('reads a minimal row; empty cells are absent, not zero', () => {
    const result = parseRow(row(), 2, header);
    expect(result.ok).toBe(true);
    expect(result.row).toMatchObject({
      line: 2,
      subscriberId: 'SUB-1',
      msisdn: '+27821234567',
      asOf: new Date('2026-12-05T18:00:00Z'),
      lastSimChangeAt: undefined,
      failedLogins24h: 0,
      telcoUsage: {},
      location: undefined,
    });
  });

  it('maps the usage columns to the engine keys and reads booleans and countries', () => {
    const result = parseRow(
      row({ 5: '85', 6: '2400.5', 7: 'Yes', 8: 'mz', 9: '-26.2', 10: '28.05', 4: '3' }),
      7,
      header,
    );
    expect(result.row?.telcoUsage).toEqual({
      sms24h: 85,
      dataMb24h: 2400.5,
      roaming: true,
      roamingCountry: 'MZ',
    });
    expect(result.row?.failedLogins24h).toBe(3);
    expect(result.row?.location).toEqual({ lat: -26.2, lon: 28.05 });
  });

  it.each([
    ['-1', /"-1" is not a count/],
    ['NaN', /"NaN" is not a count/],
    ['1e999', /"1e999" is not a count/],
    ['12abc', /"12abc" is not a count/],
    ['2.5', /"2.5" is not a count/],
    ['1000001', /not a count: a whole number from 0 to 1000000/],
  ])('rejects the count %s', (cell, message) => {
    const result = parseRow(row({ 5: cell }), 3, header);
    expect(result.errors).toEqual([
      { line: 3, column: 'sms_24h', message: expect.stringMatching(message) as string },
    ]);
  });

  it.each([
    ['-5', /out of range: from 0 to 10000000/],
    ['1e3', /is not a number/],
    ['NaN', /is not a number/],
    ['1 200', /is not a number/],
  ])('rejects the number %s', (cell, message) => {
    const result = parseRow(row({ 6: cell }), 3, header);
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('lists every problem of a row, each with its column', () => {
    const result = parseRow(
      row({
        0: '',
        1: '0821234567',
        2: '12/31/2026',
        4: '-2',
        7: 'maybe',
        8: 'Mozambique',
        9: '-26.2',
      }),
      9,
      header,
    );
    expect(result.errors?.map((e) => e.column)).toEqual([
      'subscriber_id',
      'msisdn',
      'as_of',
      'failed_logins_24h',
      'roaming',
      'roaming_country',
      'lon',
    ]);
    const messages = result.errors?.map((e) => e.message) ?? [];
    expect(messages[0]).toBe('is required but empty');
    expect(messages[1]).toBe('must be a phone number in E.164 form, such as +27821234567');
    expect(messages[2]).toMatch(/^"12\/31\/2026" is not a date-time; accepted: ISO 8601/);
    expect(messages[6]).toBe('is empty while lat is given: lat, lon go together');
  });

  it('rejects a short CSV record and any row with a value past the last column', () => {
    expect(parseRow(BASE.slice(0, 5), 4, header).errors).toEqual([
      { line: 4, column: null, message: 'the row has 5 cells, the header 11' },
    ]);
    expect(parseRow([...BASE, 'extra'], 5, header).errors?.[0]?.message).toMatch(
      /^the row has 12 cells, the header 11/,
    );
    expect(parseRow([...BASE, '', ''], 6, header).ok).toBe(true); // trailing empty cells are fine
  });

  it('accepts a short XLSX row (trailing empty cells left out) and typed XLSX cells', () => {
    const asOf = new Date('2026-12-05T18:00:00Z');
    const result = parseRow(
      ['SUB-1', '+27821234567', asOf, null, 4, 12, 99.5, true],
      2,
      header,
      true,
    );
    expect(result.row).toMatchObject({
      asOf,
      failedLogins24h: 4,
      telcoUsage: { sms24h: 12, dataMb24h: 99.5, roaming: true },
    });
  });

  it('reads each accepted timestamp form, and the same text twice as the same instant', () => {
    for (const text of [
      '2026-12-05 18:00',
      '2026/12/05 18:00',
      '05/12/2026 18:00',
      '2026-12-05T20:00+02:00',
    ]) {
      expect(parseRow(row({ 2: text }), 2, header).row?.asOf.toISOString()).toBe(
        '2026-12-05T18:00:00.000Z',
      );
      expect(parseRow(row({ 2: text }), 3, header).row?.asOf.toISOString()).toBe(
        '2026-12-05T18:00:00.000Z',
      );
    }
  });
});
