import { describe, expect, it } from 'vitest';
import { durationHours, fromTwilioSimSwap } from './twilio-sim-swap-result.ts';

const at = { source: 'twilio', checkedAt: new Date('2026-03-01T10:00:00Z') };

describe('fromTwilioSimSwap reads snake_case and camelCase at every level', () => {
  it.each([
    ['wire snake_case', { last_sim_swap: { last_sim_swap_date: '2026-02-01T00:00:00Z' } }],
    [
      'SDK shape (outer camel, inner raw)',
      { lastSimSwap: { last_sim_swap_date: '2026-02-01T00:00:00Z' } },
    ],
    ['all camelCase (a future SDK)', { lastSimSwap: { lastSimSwapDate: '2026-02-01T00:00:00Z' } }],
    ['a Date object', { lastSimSwap: { lastSimSwapDate: new Date('2026-02-01T00:00:00Z') } }],
  ])('%s', (_name, simSwap) => {
    expect(fromTwilioSimSwap(simSwap, at)).toEqual({
      ok: true,
      source: 'twilio',
      checkedAt: at.checkedAt,
      lastSwapAt: new Date('2026-02-01T00:00:00Z'),
    });
  });

  it.each([
    [{ errorCode: 60620, lastSimSwap: null }, 'UNAVAILABLE'],
    [{ error_code: 60606 }, 'UNAVAILABLE'],
    [{ lastSimSwap: { swappedPeriod: 'PT48H', swappedInPeriod: null } }, 'UNAVAILABLE'],
    [{ lastSimSwap: { swappedPeriod: 'soon', swappedInPeriod: false } }, 'UNAVAILABLE'],
    [{ lastSimSwap: { lastSimSwapDate: 'yesterday' } }, 'ERROR'],
    [null, 'NOT_COVERED'],
    [undefined, 'NOT_COVERED'],
  ])('%j → %s', (simSwap, reason) => {
    expect(fromTwilioSimSwap(simSwap, at)).toMatchObject({ ok: false, reason });
  });

  it('camelCase period fields', () => {
    expect(
      fromTwilioSimSwap({ lastSimSwap: { swappedPeriod: 'PT72H', swappedInPeriod: false } }, at),
    ).toMatchObject({ ok: true, lastSwapAt: null, monitoredPeriodHours: 72 });
  });
});

describe('durationHours', () => {
  it.each<[unknown, number | null]>([
    ['PT48H', 48],
    ['P7D', 168],
    ['P1DT12H', 36],
    ['P2W', 336],
    ['PT90M', 1.5],
    ['PT3600S', 1],
    ['P', null],
    ['PT', null],
    ['48h', null],
    [48, null],
    [null, null],
  ])('%j → %j', (value, hours) => {
    expect(durationHours(value)).toBe(hours);
  });
});
